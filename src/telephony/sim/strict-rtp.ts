// Asterisk's strict RTP (rtp.conf strictrtp=yes, the default; res/res_rtp_asterisk.c, 23.4.1) on an
// ExternalMedia channel's socket. Setting the remote address (external_host) starts learning. While
// learning, packets from the learned source, or from the address Asterisk sends to (the symmetric one), are
// taken at once; any other source is on probation: its first packet and the next three in sequence are
// dropped and the fifth is taken if those came no faster than 9 ms apart on average (a flood restarts the
// count), and the source switches to it. Packets from the learned source restart a competitor's probation.
// Five seconds after learning began, the next packet closes learning: from then on only the learned source
// is taken, forever.

/** rtp.conf probation (learning_min_sequential) and its minimum duration, as Asterisk computes them. */
const LEARNING_MIN_SEQUENTIAL = 4;
const LEARNING_MIN_DURATION_MS = (LEARNING_MIN_SEQUENTIAL - 1) * 9 - 5;
const STRICT_RTP_LEARN_TIMEOUT_MS = 5000;

type Address = { address: string; port: number };
const same = (a: Address | null, b: Address) => !!a && a.address === b.address && a.port === b.port;

export class StrictRtp {
  private state: "learn" | "closed" = "learn";
  private learned: Address | null = null;
  private proposed: Address | null = null;
  private packets = LEARNING_MIN_SEQUENTIAL;
  private maxSeq = 0;
  /** When the probation's first in-sequence packet came (0: not yet). */
  private received = 0;
  /** Packets dropped, and source switches ("Strict RTP switching source address to ..."). */
  dropped = 0;
  switches = 0;

  constructor(
    /** Where Asterisk sends (external_host): the symmetric source, taken at once. */
    private readonly target: Address,
    private readonly learnStart: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The source packets are taken from, once learned. */
  get source(): Address | null {
    return this.learned;
  }

  private seqInit(seq: number): void {
    this.maxSeq = seq;
    this.packets = LEARNING_MIN_SEQUENTIAL;
    this.received = 0;
  }

  /** rtp_learning_rtp_seq_update: packets still to see before the candidate is taken. */
  private seqUpdate(seq: number): number {
    if (seq === ((this.maxSeq + 1) & 0xffff)) this.packets--;
    else {
      this.packets = LEARNING_MIN_SEQUENTIAL - 1;
      this.received = this.now();
    }
    if (this.received === 0) this.received = this.now();
    else if (this.packets === 0 && this.now() - this.received < LEARNING_MIN_DURATION_MS) {
      // a packet flood: start over
      this.packets = LEARNING_MIN_SEQUENTIAL - 1;
      this.received = this.now();
    }
    this.maxSeq = seq;
    return this.packets;
  }

  /** Whether Asterisk takes a packet with this sequence number from this source. */
  accept(from: Address, seq: number): boolean {
    const taken = this.decide(from, seq);
    if (!taken) this.dropped++;
    return taken;
  }

  private decide(from: Address, seq: number): boolean {
    if (this.state === "learn") {
      if (this.learned && this.now() - this.learnStart > STRICT_RTP_LEARN_TIMEOUT_MS) this.state = "closed";
      else {
        if (same(this.learned, from)) {
          this.seqInit(seq);
          return true;
        }
        if (same(this.target, from)) {
          this.learned = { ...from };
          this.seqInit(seq);
          return true;
        }
        if (same(this.proposed, from)) {
          if (this.seqUpdate(seq) === 0) {
            this.learned = { ...from };
            this.switches++;
            this.seqInit(seq);
            return true;
          }
          return false;
        }
        this.proposed = { ...from };
        this.seqInit(seq);
        return false;
      }
    }
    return same(this.learned, from);
  }
}
