import { withCloud } from "@serverless/cloud/svelte";

export default withCloud({
  kit: {
    // The app's own settings, kept as they are.
    csrf: { trustedOrigins: [] },
  },
});
