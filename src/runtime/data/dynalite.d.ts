// dynalite ships no types; only the part local.ts uses is declared.
declare module "dynalite" {
  import type { Server } from "http";
  interface DynaliteOptions {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
  }
  function dynalite(options?: DynaliteOptions): Server;
  export = dynalite;
}
