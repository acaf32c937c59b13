import type { Metadata } from "next";
import { TrainingStudio } from "@/components/TrainingStudio";
import { ENABLE_PUBLISHING_HINT, publishingEnabled } from "@/lib/publish/publishing-enabled";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { parseTrainingBackend } from "@/lib/training/training-backend";

// Whether publishing is on is read from the server's environment on every request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Train" };

export default async function TrainPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const forcedBackend = parseTrainingBackend(firstParam(await searchParams, "backend"));
  return (
    <TrainingStudio
      forcedBackend={forcedBackend}
      publishDisabledHint={publishingEnabled() ? null : ENABLE_PUBLISHING_HINT}
    />
  );
}
