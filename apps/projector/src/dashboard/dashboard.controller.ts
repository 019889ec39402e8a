/**
 * GET /dashboard: the dashboard's static files (apps/projector/src/dashboard/public) and the
 * Chart.js bundle from node_modules. The page holds no data; it asks the statistics API with the
 * user's token, so serving it needs none. Only files of that one folder are served (no paths).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#security';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const CHART_JS = join(
  dirname(createRequire(import.meta.url).resolve('chart.js')),
  'chart.umd.min.js',
);
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** The folder's files, read once at start: a fixed set, so no request can name another file. */
function loadFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(PUBLIC_DIR)) {
    if (TYPES[extname(name)]) files.set(name, readFileSync(join(PUBLIC_DIR, name)));
  }
  files.set('vendor/chart.umd.js', readFileSync(CHART_JS));
  return files;
}

@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  private readonly files = loadFiles();

  @Get()
  @Public()
  index(@Res() response: Response): void {
    this.send(response, 'index.html');
  }

  @Get('vendor/chart.umd.js')
  @Public()
  chart(@Res() response: Response): void {
    this.send(response, 'vendor/chart.umd.js');
  }

  @Get(':file')
  @Public()
  file(@Param('file') file: string, @Res() response: Response): void {
    this.send(response, file);
  }

  private send(response: Response, name: string): void {
    const body = this.files.get(name);
    if (!body) throw new NotFoundException(`no file ${name} in the dashboard`);
    response
      .status(200)
      .type(TYPES[extname(name)] ?? 'application/octet-stream')
      .setHeader('Cache-Control', name === 'index.html' ? 'no-cache' : 'public, max-age=300')
      .send(body);
  }
}
