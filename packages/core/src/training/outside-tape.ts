import * as tf from "@tensorflow/tfjs-core";

/**
 * Runs `body` with no gradient tape recording, even inside an enclosing tf.variableGrads, as PyTorch's
 * `no_grad` would; a tf.variableGrads inside `body` gets a tape of its own. tfjs has no public switch for
 * this, so it parks the engine's tape state (pinned tfjs 4.22) and puts it back afterwards.
 *
 * Why: the discriminator's update (its forward passes, backward pass and Adam) runs inside the generator's
 * tape, and everything a tape records keeps copies of its inputs (an Identity kernel each) although none of
 * it leads to the generator's loss: the D update is detached from G by construction.
 */
export function outsideGradientTape<T>(body: () => T): T {
  const state = tf.engine().state;
  const { activeTape, gradientDepth } = state;
  state.gradientDepth = 0;
  try {
    return body();
  } finally {
    state.activeTape = activeTape;
    state.gradientDepth = gradientDepth;
  }
}
