import { registerAs } from '@nestjs/config';
import { ConfigError, env } from './env';

export interface BootstrapConfig {
  adminEmail?: string;
  adminPassword?: string;
}

export const bootstrapConfig = registerAs('bootstrap', (): BootstrapConfig => {
  const adminEmail = env('ADMIN_EMAIL')?.toLowerCase();
  const adminPassword = env('ADMIN_PASSWORD');
  if (adminEmail && !/^[^@\s]+@[^@\s]+$/.test(adminEmail)) throw new ConfigError('ADMIN_EMAIL is not an email address');
  if (adminEmail && !adminPassword) throw new ConfigError('ADMIN_PASSWORD must be set with ADMIN_EMAIL');
  if (adminPassword && !adminEmail) throw new ConfigError('ADMIN_EMAIL must be set with ADMIN_PASSWORD');
  if (adminPassword && adminPassword.length < 8) throw new ConfigError('ADMIN_PASSWORD must be at least 8 characters');
  return { adminEmail, adminPassword };
});
