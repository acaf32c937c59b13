import { z } from "zod";

/** One entry of a version's losses.json (role "losses"): the losses after one training step. */
export const lossPointSchema = z.object({ step: z.number(), dLoss: z.number(), gLoss: z.number() });
export type LossPoint = z.infer<typeof lossPointSchema>;

/** A version's losses.json: the loss history of the run, in step order. */
export const lossHistorySchema = z.array(lossPointSchema);
