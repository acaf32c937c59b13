export { checkBatchFits, createBatchSource, type BatchSourceOptions, type DatasetBatchSource } from "./batch-source";
export type { Dataset, DownloadProgress, HeldOutImages, LoadDatasetOptions } from "./dataset";
export { DatasetError, type DatasetErrorCode } from "./errors";
export { IDX_CATALOG, IDX_FILES, type IdxFileName } from "./idx-catalog";
export { datasetSpecHelp, DEFAULT_DATASET_SPEC, loadDataset } from "./load-dataset";
