/** Small helpers the dashboard's API files share: reading query values, answering JSON. */
import type { Response } from "express";

export function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function number(value: unknown): number | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function fail(res: Response, status: number, message: string): void {
  res.status(status).json({ error: message });
}

/** Answers with `work`'s value, or its error: 400 for the app's input errors, else 500. */
export function answer(res: Response, work: Promise<unknown>, isInputError: (error: unknown) => boolean = () => false): void {
  work.then(
    (body) => res.json(body ?? null),
    (error: unknown) => fail(res, isInputError(error) ? 400 : 500, error instanceof Error ? error.message : String(error)),
  );
}
