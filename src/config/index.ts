import { appConfig, loadAppConfig } from './app.config';
import { branchesConfig, loadBranchesConfig } from './branches.config';
import { campaignConfig, loadCampaignConfig } from './campaign.config';
import { databaseConfig, loadDatabaseConfig } from './database.config';
import { feesConfig, loadFeesConfig } from './fees.config';
import { loadMailConfig, mailConfig } from './mail.config';
import { loadPublicListConfig, publicListConfig } from './public-list.config';
import { loadRetentionConfig, retentionConfig } from './retention.config';
import { loadSecurityConfig, securityConfig } from './security.config';
import { loadStatementConfig, statementConfig } from './statement.config';
import { loadUpdatesConfig, updatesConfig } from './updates.config';
import { loadUploadsConfig, uploadsConfig } from './uploads.config';

/** Every concern's loader, for ConfigModule. */
export const configLoaders = [appConfig, databaseConfig, mailConfig, securityConfig, publicListConfig, feesConfig, branchesConfig, retentionConfig, uploadsConfig, campaignConfig, statementConfig, updatesConfig];

/**
 * Validates every concern at once, before anything starts, so a bad variable
 * stops start-up with its one-line message rather than half-way through.
 */
export function assertConfiguration(env: NodeJS.ProcessEnv = process.env): void {
  loadAppConfig(env);
  loadDatabaseConfig(env);
  loadMailConfig(env);
  loadSecurityConfig(env);
  loadFeesConfig(env);
  loadPublicListConfig(env);
  loadBranchesConfig(env);
  loadRetentionConfig(env);
  loadUploadsConfig(env);
  loadCampaignConfig(env);
  loadStatementConfig(env);
  loadUpdatesConfig(env);
}

export type { AppConfig } from './app.config';
export type { BranchesConfig } from './branches.config';
export type { CampaignConfig } from './campaign.config';
export type { DatabaseConfig } from './database.config';
export type { BankDetails, FeesConfig } from './fees.config';
export type { MailConfig } from './mail.config';
export type { PublicListConfig } from './public-list.config';
export type { RetentionConfig } from './retention.config';
export type { SecurityConfig } from './security.config';
export type { StatementConfig } from './statement.config';
export type { UpdatesConfig } from './updates.config';
export type { UploadsConfig } from './uploads.config';
export { ConfigError } from './env';
