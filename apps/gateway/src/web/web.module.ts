import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { resolve } from 'node:path';
import { GatewayConfig } from '../config/gateway.config';
import { LocalSignInController } from './local-sign-in.controller';
import { LocalTokenSigner } from './local-token-signer';

/**
 * The web page at `/` (when WEB_ROOT names its built files) and, on the local stack only, the
 * sign-in that stands in for Cognito's hosted UI.
 */
@Module({})
export class WebModule {
  static register(config: GatewayConfig): DynamicModule {
    const imports = config.WEB_ROOT
      ? [ServeStaticModule.forRoot({ rootPath: resolve(config.WEB_ROOT), renderPath: '/', serveStaticOptions: { index: ['index.html'], fallthrough: true } })]
      : [];
    if (!config.LOCAL_SIGN_IN || config.NODE_ENV === 'production') return { module: WebModule, imports };
    const signer = new LocalTokenSigner(config.LOCAL_SIGN_IN_KEY_FILE!, { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, tokenUse: config.AUTH_TOKEN_USE });
    return { module: WebModule, imports, controllers: [LocalSignInController], providers: [{ provide: LocalTokenSigner, useValue: signer }] };
  }
}
