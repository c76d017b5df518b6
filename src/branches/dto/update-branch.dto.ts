import { PartialType } from '@nestjs/swagger';
import { CreateBranchDto } from './create-branch.dto';

/** Any of the registration fields; those left out stay as they are. */
export class UpdateBranchDto extends PartialType(CreateBranchDto) {}
