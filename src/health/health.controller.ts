import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/auth.decorators';
import { ApiError } from '../common/errors/api-error';
import { LifecycleService } from './lifecycle.service';

export class HealthStatus {
  /** "ok" when the database answers */
  status: string;
  database: string;
}

/** The probe's own bound, shorter than any request's, so health turns within a second or two of a stall. */
const PROBE_TIMEOUT_MS = 1000;

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly lifecycle: LifecycleService,
  ) {}

  /** Liveness and database reachability; 503 when the database does not answer within a second, or while shutting down */
  @Public()
  @Get()
  @ApiOperation({ operationId: 'GetHealth' })
  async check(): Promise<HealthStatus> {
    if (this.lifecycle.draining) throw new ApiError(503, 'ShuttingDown', 'This instance is shutting down.');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), PROBE_TIMEOUT_MS)));
    try {
      const answer = await Promise.race([this.db.query('SELECT 1'), late]);
      if (answer === 'late') throw new Error('late');
    } catch {
      throw new ApiError(503, 'ServiceUnavailable', 'The database is unavailable.');
    } finally {
      clearTimeout(timer);
    }
    return { status: 'ok', database: 'up' };
  }
}
