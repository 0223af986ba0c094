import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppLogger, PlatformModule } from '@housef3/platform';
import { AuthGuard } from './auth/auth.guard';
import { JwtVerifier } from './auth/jwt-verifier';
import { GatewayConfig } from './config/gateway.config';
import { DiagnosticsController } from './diagnostics/diagnostics.controller';

@Module({})
export class GatewayModule {
  static register(config: GatewayConfig, logger: AppLogger): DynamicModule {
    const verifier = new JwtVerifier({
      issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, tokenUse: config.AUTH_TOKEN_USE,
      jwksUrl: config.AUTH_JWKS_URL, jwksFile: config.AUTH_JWKS_FILE, clockToleranceS: config.AUTH_CLOCK_TOLERANCE_S,
    });
    return {
      module: GatewayModule,
      imports: [PlatformModule.forService({ service: 'gateway', config, configClass: GatewayConfig, logger })],
      controllers: [DiagnosticsController],
      providers: [{ provide: JwtVerifier, useValue: verifier }, { provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
