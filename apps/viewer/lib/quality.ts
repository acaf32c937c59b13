// The quality score is a Fréchet distance in a small digit classifier's feature space, not Inception's.
export const QUALITY_LABEL = "classifier-space Fréchet distance (not comparable with Inception FID)";
