import { createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy owned by a test, between the app and MySQL: `freeze` holds every byte in both
 * directions with the connections open (a stalled database), `cut` closes them and refuses new
 * ones (a dead database), `restore` lets traffic flow again.
 */
export class FaultProxy {
  private server?: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private frozen = false;
  private refusing = false;
  private commitAnswersToLose = 0;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<number> {
    this.server = createServer((client) => {
      if (this.refusing) {
        client.destroy();
        return;
      }
      const upstream = new Socket();
      upstream.connect(this.target.port, this.target.host);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      for (const s of pair) {
        s.on('error', () => s.destroy());
        s.on('close', () => {
          this.pairs.delete(pair);
          client.destroy();
          upstream.destroy();
        });
      }
      let answerLost = false;
      client.on('data', (d) => {
        if (this.commitAnswersToLose > 0 && isCommit(d)) {
          this.commitAnswersToLose--;
          answerLost = true;
        }
        this.forward(upstream, client, d);
      });
      upstream.on('data', (d) => {
        // The server has committed and answered; the app never hears it.
        if (answerLost) return void (client.destroy(), upstream.destroy());
        this.forward(client, upstream, d);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  /** Bytes sent while frozen are held back (the sender is paused) until `restore`. */
  private forward(to: Socket, from: Socket, data: Buffer): void {
    if (this.frozen) {
      from.pause();
      from.unshift(data);
      return;
    }
    to.write(data);
  }

  /**
   * Lets the next COMMIT reach the server and be carried out, then drops that connection before
   * the server's answer gets back: the write happened, its author cannot know.
   */
  loseNextCommitAnswer(): void {
    this.commitAnswersToLose++;
  }

  freeze(): void {
    this.frozen = true;
  }

  cut(): void {
    this.refusing = true;
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
  }

  restore(): void {
    this.frozen = false;
    this.refusing = false;
    for (const pair of this.pairs) for (const s of pair) s.resume();
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** A MySQL COM_QUERY packet (4-byte header, command 0x03) whose statement is COMMIT. */
function isCommit(packet: Buffer): boolean {
  return packet.length >= 11 && packet[4] === 0x03 && packet.subarray(5).toString('latin1').trim().toUpperCase() === 'COMMIT';
}
