/** The `onSettled` listeners of one transport instance; shared by both adapters. */
import type { SettledEvent, SettleListener } from './port.js';

export class SettleListeners {
  private readonly listeners = new Set<SettleListener>();

  add(listener: SettleListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: SettledEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // The contract says listeners must not throw; one that does must not stop acknowledgements.
      }
    }
  }
}
