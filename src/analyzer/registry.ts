/**
 * The one list of extractors, one per SDK area. Adding an area is one file
 * in `extractors/` plus one line here.
 */
import type { Extractor } from "./context";
import { createApiExtractor } from "./extractors/api";
import { createDataExtractor } from "./extractors/data";
import { createEventsExtractor } from "./extractors/events";
import { createHttpExtractor } from "./extractors/http";
import { createLogsExtractor } from "./extractors/logs";
import { createParamsExtractor } from "./extractors/params";
import { createScheduleExtractor } from "./extractors/schedule";
import { createStaticExtractor } from "./extractors/static";
import { createStorageExtractor } from "./extractors/storage";

/** Fresh extractors (they hold per-analysis state). */
export function createExtractors(): Extractor[] {
  return [
    createApiExtractor(),
    createHttpExtractor(),
    createScheduleExtractor(),
    createDataExtractor(),
    createStorageExtractor(),
    createEventsExtractor(),
    createParamsExtractor(),
    createLogsExtractor(),
    createStaticExtractor(),
  ];
}
