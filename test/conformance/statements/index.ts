/** Every area of the suite, in the order the paths run them. */
import { apiArea } from "./api";
import { dataArea } from "./data";
import { eventsArea } from "./events";
import { httpArea } from "./http";
import { paramsArea } from "./params";
import { scheduleArea } from "./schedule";
import { sdkArea } from "./sdk";
import { staticArea } from "./static";
import { storageArea } from "./storage";
import { testingArea } from "./testing";
import type { Area } from "./types";

export const AREAS: readonly Area[] = [sdkArea, dataArea, storageArea, eventsArea, scheduleArea, apiArea, httpArea, staticArea, paramsArea, testingArea];
