import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { OpenDataQuery } from '../application/open-data.query';
import { openDataCsv, openDataJson } from '../domain/open-data';

/**
 * Open data (Satu Data), public: monthly submissions per agency and service as CSV and JSON.
 * The gateway serves the same paths on its origin (`GET /open-data/…`).
 */
@Controller('open-data')
export class OpenDataController {
  constructor(private readonly openData: OpenDataQuery) {}

  @Get('monthly-submissions.csv')
  async csv(@Res() res: Response): Promise<void> {
    const body = openDataCsv(await this.openData.monthlySubmissions());
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', 'inline; filename="serang-monthly-submissions.csv"');
    res.setHeader('cache-control', 'public, max-age=300');
    res.send(body);
  }

  @Get('monthly-submissions.json')
  async json(@Res() res: Response): Promise<void> {
    const body = openDataJson(await this.openData.monthlySubmissions());
    res.setHeader('cache-control', 'public, max-age=300');
    res.json(body);
  }
}
