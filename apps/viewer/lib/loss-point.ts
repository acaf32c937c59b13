/** One entry of the trainer's losses.json. */
export type LossPoint = { step: number; dLoss: number; gLoss: number };
