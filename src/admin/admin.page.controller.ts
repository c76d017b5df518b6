import { statusesWhere, statusLabel } from '../affiliations/affiliation-status';
import { Controller, Get, Param, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { STATUS_LABELS, type AffiliationStatus } from '../affiliations/affiliation-status';
import { actionsFrom } from '../affiliations/affiliation-transitions';
import { Roles } from '../common/access';
import { regionName } from '../branches/regions';
import { unionName } from '../branches/unions';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { SIGNED_LETTER_FORMATS, sizeLabel } from '../documents/signed-letters/signed-letter-content';
import { adminSignedLetterPath } from '../documents/signed-letters/signed-letter-panels';
import { AdminService } from './admin.service';
import { DashboardChartsService } from './dashboard-charts.service';

/** The dashboard and a branch's page; their buttons and forms post to the features' own admin routes. */
@ApiExcludeController()
@Roles('admin')
@Controller('admin')
export class AdminPageController {
  constructor(
    private readonly admin: AdminService,
    private readonly dashboardCharts: DashboardChartsService,
  ) {}

  @Get()
  @Render('admin/dashboard')
  async dashboard(): Promise<object> {
    const [{ counts, claims }, charts] = await Promise.all([this.admin.dashboard(), this.dashboardCharts.charts()]);
    return {
      title: 'Admin',
      cards: statusesWhere('onDashboard').map((status) => ({ label: statusLabel(status), n: counts[status], status })),
      claims,
      charts,
    };
  }

  @Get('branches/:id')
  @Render('admin/branch')
  async branch(@Param('id', UUID_404) id: string): Promise<object> {
    const v = await this.admin.branchView(id);
    return {
      title: v.branch.publicName,
      ...v,
      unionName: unionName(v.branch.union, v.branch.unionOther),
      regionName: regionName(v.branch.region),
      affiliations: v.affiliations.map((a) => {
        const actions = actionsFrom(a.status, 'admin');
        return {
          ...a,
          statusLabel: STATUS_LABELS[a.status],
          can: Object.fromEntries(actions.map((x) => [x, true])),
          canAgreeAmount: a.payWhatYouCan && !a.payWhatYouCanAgreedAt,
        };
      }),
      history: v.history.map((h) => ({ ...h, toLabel: STATUS_LABELS[h.toStatus as AffiliationStatus] ?? h.toStatus })),
      signedLetters: v.signedLetters.map((l) => ({
        ...l,
        format: SIGNED_LETTER_FORMATS[l.mediaType].label,
        size: sizeLabel(l.sizeBytes),
        href: adminSignedLetterPath(l.branchId, l.affiliationYear),
      })),
    };
  }
}
