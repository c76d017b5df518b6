import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MulterModule } from '@nestjs/platform-express';
import { BranchesModule } from '../../branches/branches.module';
import { AdminSignedLettersController } from './admin-signed-letters.controller';
import { signedLetterMulterOptions, SignedLetterUploadInterceptor } from './signed-letter-upload';
import { SignedLettersCoreModule } from './signed-letters-core.module';
import { SignedLettersController } from './signed-letters.controller';
import { SignedLettersPageController } from './signed-letters.page.controller';
import { SignedLettersService } from './signed-letters.service';

/** Uploading a branch's signed affiliation letter, and downloading it (the secretary, and admins). */
@Module({
  imports: [
    SignedLettersCoreModule,
    BranchesModule,
    // For this module's routes only: the statement import keeps its own limits.
    MulterModule.registerAsync({ inject: [ConfigService], useFactory: signedLetterMulterOptions }),
  ],
  controllers: [SignedLettersController, SignedLettersPageController, AdminSignedLettersController],
  providers: [SignedLettersService, SignedLetterUploadInterceptor],
  exports: [SignedLettersService],
})
export class SignedLettersModule {}
