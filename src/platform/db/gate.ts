/**
 * A first-come, first-served lock for async work. The embedded database has
 * one connection; the gate keeps the server's own statements and a socket
 * client's transaction from running inside each other.
 */
export class Gate {
  #tail: Promise<void> = Promise.resolve();

  /** Waits for the gate; the returned function opens it for the next in line. */
  acquire(): Promise<() => void> {
    let open!: () => void;
    const mine = new Promise<void>((resolve) => {
      open = resolve;
    });
    const before = this.#tail;
    this.#tail = before.then(() => mine);
    return before.then(() => open);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}
