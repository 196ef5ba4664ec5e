import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { IsBoolean, IsOptional } from 'class-validator';
import { Allow, Context, CsrfExempt, CurrentCaller, Public } from '../../common/auth/decorators.js';
import { Permission } from '../../common/auth/policy.js';
import type { Caller, RequestContext } from '../../common/context/request-context.js';
import { toGlobalId } from '../../common/graphql/global-id.js';
import { UserErrorCode } from '../../common/graphql/user-error.js';
import { clearedSessionCookies, sessionCookie } from '../../common/http/session-cookies.js';
import { inputProblems } from '../../common/validation/input-validation.pipe.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AuthService } from '../auth/auth.service.js';
import { LoginInput } from '../auth/auth.types.js';
import { User } from '../users/user.types.js';
import { UsersService } from '../users/users.service.js';

class DeskSignInInput extends LoginInput {
  /** Signing in inside an agent desktop's iframe: the cookie must cross sites. */
  @IsOptional()
  @IsBoolean()
  embedded?: boolean;
}

interface DeskSession {
  user: { id: string; displayName: string; role: string; locale: string; teamId: string | null };
  csrfToken: string;
  /** where the embeddable panel may post a chosen tip */
  embedOrigins: string[];
}

/**
 * The desk's sign-in: the token goes into an httpOnly cookie (page scripts never see it),
 * and the desk gets the CSRF token to send with each request the cookie authenticates.
 */
@Controller('desk/session')
export class DeskSessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post()
  @HttpCode(200)
  async signIn(
    @Body() body: unknown,
    @Context() context: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DeskSession> {
    const { instance: input, problems } = inputProblems(
      DeskSignInInput,
      ((typeof body === 'object' && body) || {}) as DeskSignInInput,
    );
    if (problems.length)
      throw new HttpException(
        { message: problems[0].message, code: problems[0].code, field: problems[0].field },
        HttpStatus.BAD_REQUEST,
      );
    const outcome = await this.auth.login(input, context.address);
    if (!outcome.value) {
      const [problem] = outcome.userErrors;
      throw new HttpException(
        { message: problem.message, code: problem.code },
        problem.code === UserErrorCode.THROTTLED
          ? HttpStatus.TOO_MANY_REQUESTS
          : HttpStatus.UNAUTHORIZED,
      );
    }
    const { token, user } = outcome.value;
    res.setHeader(
      'set-cookie',
      sessionCookie(token, {
        expiresAt: new Date(this.auth.expiryOf(token)),
        secure: req.secure,
        embedded: input.embedded === true,
      }),
    );
    const caller = await this.auth.authenticate(token);
    return this.session(caller, User.from(user));
  }

  /** Who is signed in, and the CSRF token again (after a reload). */
  @Allow(Permission.ACCOUNT_MANAGE)
  @CsrfExempt()
  @Get()
  async current(@CurrentCaller() caller: Caller): Promise<DeskSession> {
    const user = await this.users.findById(caller.organizationId, caller.userId);
    return this.session(caller, User.from(user!));
  }

  @Allow(Permission.ACCOUNT_MANAGE)
  @Post('end')
  @HttpCode(200)
  async signOut(
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ signedOut: true }> {
    await this.auth.signOut(caller);
    res.setHeader('set-cookie', clearedSessionCookies());
    return { signedOut: true };
  }

  private session(caller: Caller, user: User): DeskSession {
    return {
      user: {
        id: user.id,
        displayName: user.displayName,
        role: user.role,
        locale: user.locale,
        teamId: user.teamId && toGlobalId('Team', user.teamId),
      },
      csrfToken: this.auth.csrfTokenFor(caller.sessionId),
      embedOrigins: this.config.embedOrigins,
    };
  }
}
