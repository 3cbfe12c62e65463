import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { httpErrorBody, languageOf, TokenVerifier } from '@serang/platform';
import type { Response } from 'express';
import { performanceScope, PerformanceForbidden } from '../../domain/performance-scope.policy';
import { IkmQuery } from '../application/ikm.query';
import { ikmReportCsv } from '../domain/ikm-report.csv';
import { semesterFrom } from '../domain/semester.value';

/**
 * `GET /ikm-reports/<agency>/<YYYY-1|YYYY-2>.csv`: an agency's semester IKM report in the
 * regulation's layout, for the agency's officers and admins and for platform admins (bearer
 * token, the same scope as agencyPerformance). The gateway serves the same path on its origin.
 */
@Controller('ikm-reports')
export class IkmReportController {
  constructor(
    private readonly query: IkmQuery,
    private readonly tokens: TokenVerifier,
  ) {}

  @Get(':agencyId/:file')
  async report(
    @Param('agencyId') agencyId: string,
    @Param('file') file: string,
    @Headers('authorization') authorization: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const lang = languageOf(acceptLanguage);
    const semester = /^(\d{4}-[12])\.csv$/.exec(file) ? semesterFrom(file.slice(0, -4)) : null;
    if (!semester || !/^[a-z0-9-]{1,64}$/.test(agencyId)) {
      res.status(404).json(httpErrorBody('NOT_FOUND', 'NOT_FOUND', lang));
      return;
    }
    const user = authorization?.startsWith('Bearer ') ? await this.tokens.verify(authorization.slice(7).trim()).catch(() => null) : null;
    if (!user) {
      res.status(401).json(httpErrorBody('UNAUTHENTICATED', authorization ? 'AUTH.INVALID_TOKEN' : 'UNAUTHENTICATED', lang));
      return;
    }
    try {
      performanceScope(user, agencyId);
    } catch (e) {
      if (!(e instanceof PerformanceForbidden)) throw e;
      res.status(403).json(httpErrorBody('FORBIDDEN', e.reason, lang));
      return;
    }
    const ikm = await this.query.forAgency(agencyId, semester.period);
    const answers = ikm.answers.map((a) => ({
      scores: a.scores,
      ageGroup: a.age_group,
      sex: a.sex,
      education: a.education,
      occupation: a.occupation,
    }));
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="ikm-${agencyId}-${semester.year}-s${semester.half}.csv"`);
    res.setHeader('cache-control', 'private, no-store');
    res.send(ikmReportCsv(agencyId, semester, ikm, answers));
  }
}
