import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { Matches } from 'class-validator';
import { Public } from '@housef3/platform';
import { LocalTokenSigner } from './local-token-signer';

export class LocalSignInDto {
  /** becomes the token's `sub`: the user id */
  @Matches(/^[A-Za-z0-9@._-]{1,128}$/, { message: 'userName must be 1-128 letters, digits or @ . _ -' })
  userName!: string;
}

/** Local stack only (registered when LOCAL_SIGN_IN is on, never in production). */
@Controller('auth/local')
export class LocalSignInController {
  constructor(@Inject(LocalTokenSigner) private readonly signer: LocalTokenSigner) {}

  @Public()
  @Post('sign-in')
  @HttpCode(200)
  signIn(@Body() body: LocalSignInDto) {
    return this.signer.sign(body.userName);
  }
}
