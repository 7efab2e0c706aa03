/**
 * The deployed edge's settings per stage, and their defaults (docs/security.md
 * lists each with its reason). iac.config's stage settings may set any of
 * them (src/config checks the values); synth reads only the resolved form,
 * so every default lives here, once. Long-lived stages keep more (versions,
 * deletion protection); ephemeral ones are built to be thrown away.
 */
import type { DomainSetting } from "./hooks";

export type FrameOption = "DENY" | "SAMEORIGIN";

export const REFERRER_POLICIES = [
  "no-referrer",
  "no-referrer-when-downgrade",
  "origin",
  "origin-when-cross-origin",
  "same-origin",
  "strict-origin",
  "strict-origin-when-cross-origin",
  "unsafe-url",
] as const;
export type ReferrerPolicyName = (typeof REFERRER_POLICIES)[number];

/** The response headers CloudFront adds to the app's responses (when the app did not set them itself). */
export interface SecurityHeadersSetting {
  /** `Strict-Transport-Security` max-age in seconds; 0 leaves the header out. Default one year. */
  hstsMaxAgeSeconds?: number;
  /** HSTS `includeSubDomains` (only meaningful under a custom domain). Default false. */
  hstsIncludeSubdomains?: boolean;
  /** HSTS `preload`. Default false. */
  hstsPreload?: boolean;
  /** `X-Frame-Options`. Default `SAMEORIGIN`. */
  frameOptions?: FrameOption;
  /** `Referrer-Policy`. Default `strict-origin-when-cross-origin`. */
  referrerPolicy?: ReferrerPolicyName;
  /** `Content-Security-Policy` for the app's own responses. Default none (an app's CSP is its own). */
  contentSecurityPolicy?: string;
}

export interface ThrottleSetting {
  /** Steady-state requests per second across the stage's API. */
  rateLimit?: number;
  /** Requests allowed in a burst above the rate. */
  burstLimit?: number;
}

/** What iac.config's stage settings may say about the deployed edge. */
export interface EdgeSettings {
  /** API Gateway throttling of the stage (default: 1000 rps / burst 2000 long-lived, 100 / 200 ephemeral). */
  throttle?: ThrottleSetting;
  /** CloudFront response headers; `false` adds none. */
  securityHeaders?: SecurityHeadersSetting | false;
  /** Origins besides the app's own URL (and domain) that may use signed storage URLs from a browser (CORS), e.g. `https://admin.example.com`. */
  corsOrigins?: string[];
  /** S3 versioning of the storage bucket (default: on for long-lived stages). */
  storageVersioning?: boolean;
  /** Days a replaced or deleted file's old version is kept when versioning is on (default 30). */
  noncurrentVersionDays?: number;
  /** DynamoDB deletion protection on the table (default: on for long-lived stages). */
  deletionProtection?: boolean;
}

/** Every edge setting with its default applied. */
export interface ResolvedEdge {
  throttle: Required<ThrottleSetting>;
  securityHeaders: (Required<Omit<SecurityHeadersSetting, "contentSecurityPolicy">> & { contentSecurityPolicy?: string }) | false;
  corsOrigins: string[];
  storageVersioning: boolean;
  noncurrentVersionDays: number;
  deletionProtection: boolean;
  domain?: DomainSetting;
}

export const DEFAULT_THROTTLE = { longLived: { rateLimit: 1000, burstLimit: 2000 }, ephemeral: { rateLimit: 100, burstLimit: 200 } } as const;
export const DEFAULT_HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
export const DEFAULT_NONCURRENT_VERSION_DAYS = 30;

export function resolveEdge(ephemeral: boolean, settings: EdgeSettings = {}, domain?: DomainSetting): ResolvedEdge {
  const throttle = ephemeral ? DEFAULT_THROTTLE.ephemeral : DEFAULT_THROTTLE.longLived;
  const headers = settings.securityHeaders;
  return {
    throttle: { rateLimit: settings.throttle?.rateLimit ?? throttle.rateLimit, burstLimit: settings.throttle?.burstLimit ?? throttle.burstLimit },
    securityHeaders:
      headers === false
        ? false
        : {
            hstsMaxAgeSeconds: headers?.hstsMaxAgeSeconds ?? DEFAULT_HSTS_MAX_AGE_SECONDS,
            hstsIncludeSubdomains: headers?.hstsIncludeSubdomains ?? false,
            hstsPreload: headers?.hstsPreload ?? false,
            frameOptions: headers?.frameOptions ?? "SAMEORIGIN",
            referrerPolicy: headers?.referrerPolicy ?? "strict-origin-when-cross-origin",
            ...(headers?.contentSecurityPolicy ? { contentSecurityPolicy: headers.contentSecurityPolicy } : {}),
          },
    corsOrigins: [...new Set(settings.corsOrigins ?? [])].sort(),
    storageVersioning: settings.storageVersioning ?? !ephemeral,
    noncurrentVersionDays: settings.noncurrentVersionDays ?? DEFAULT_NONCURRENT_VERSION_DAYS,
    deletionProtection: settings.deletionProtection ?? !ephemeral,
    ...(domain ? { domain } : {}),
  };
}
