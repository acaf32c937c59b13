import type { InferenceSession } from "onnxruntime-common";
import type { KernelGraph } from "./conv-graphs";
import { encodeModel } from "./onnx-graph";
import type { OnnxRuntime, SyncSession } from "./onnx-runtime";

/**
 * One ORT session per graph shape, least recently used first out. A DCGAN step uses about 20 shapes, and a
 * short last batch per epoch adds as many again; building a session costs milliseconds, a run far less.
 */
export class SessionCache {
  private readonly sessions = new Map<string, SyncSession>();

  constructor(
    private readonly runtime: OnnxRuntime,
    private readonly optionsFor: (graph: KernelGraph) => InferenceSession.SessionOptions,
    private readonly capacity = 128,
  ) {}

  get(graph: KernelGraph): SyncSession {
    let session = this.sessions.get(graph.key);
    if (session !== undefined) {
      this.sessions.delete(graph.key); // re-insert: Map order is the recency order
    } else {
      session = this.runtime.createSession(encodeModel(graph.spec), this.optionsFor(graph));
      if (this.sessions.size >= this.capacity) this.evictOldest();
    }
    this.sessions.set(graph.key, session);
    return session;
  }

  get size(): number {
    return this.sessions.size;
  }

  private evictOldest(): void {
    const oldest = this.sessions.keys().next();
    if (oldest.done === true) return;
    this.sessions.get(oldest.value)?.dispose();
    this.sessions.delete(oldest.value);
  }
}
