import { Injectable } from '@nestjs/common';

/**
 * Whether this instance is draining for shutdown, and how many requests are in flight. While
 * draining, health says 503 so a load balancer stops sending; requests that still arrive are
 * served (with `Connection: close`) until the load balancer has had time to notice
 * (SHUTDOWN_DRAIN_DELAY_MS), and after that get a 503 rather than a reset.
 */
@Injectable()
export class LifecycleService {
  private isDraining = false;
  private isRefusing = false;
  private inFlight = 0;
  private lastActivity = Date.now();

  get draining(): boolean {
    return this.isDraining;
  }

  /** Whether new requests are turned away (draining, and the drain delay is over). */
  get refusing(): boolean {
    return this.isRefusing;
  }

  startDraining(): void {
    this.isDraining = true;
  }

  startRefusing(): void {
    this.isRefusing = true;
  }

  requestStarted(): void {
    this.inFlight++;
    this.lastActivity = Date.now();
  }

  requestEnded(): void {
    this.inFlight--;
    this.lastActivity = Date.now();
  }

  /** Resolves once no request has been in flight for `quietMs`, or after `maxMs`. */
  async idle(quietMs: number, maxMs: number): Promise<boolean> {
    const deadline = Date.now() + maxMs;
    while (Date.now() < deadline) {
      if (this.inFlight === 0 && Date.now() - this.lastActivity >= quietMs) return true;
      await new Promise((r) => setTimeout(r, 25));
    }
    return false;
  }
}
