import { Injectable } from '@nestjs/common';

/**
 * Whether this instance is draining for shutdown, and how many requests are in flight. While
 * draining, health says 503 so a load balancer stops sending, and new requests get a 503 with
 * `Connection: close` rather than a reset.
 */
@Injectable()
export class LifecycleService {
  private isDraining = false;
  private inFlight = 0;
  private lastActivity = Date.now();

  get draining(): boolean {
    return this.isDraining;
  }

  startDraining(): void {
    this.isDraining = true;
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
