import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/auth.decorators';
import { ApiError } from '../common/errors/api-error';

export class HealthStatus {
  /** "ok" when the database answers */
  status: string;
  database: string;
}

@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: DataSource) {}

  /** Liveness and database reachability; 503 when the database does not answer */
  @Public()
  @Get()
  async check(): Promise<HealthStatus> {
    try {
      await this.db.query('SELECT 1');
    } catch {
      throw new ApiError(503, 'ServiceUnavailable', 'The database is unavailable.');
    }
    return { status: 'ok', database: 'up' };
  }
}
