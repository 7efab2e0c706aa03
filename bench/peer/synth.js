// The hand-written CDK app (see README.md): `node bench/peer/synth.js OUT_DIR`
// writes its cloud assembly. Stack name todo-qa.
const path = require("path");
const cdk = require("aws-cdk-lib");
const apigw = require("aws-cdk-lib/aws-apigatewayv2");
const { HttpLambdaIntegration } = require("aws-cdk-lib/aws-apigatewayv2-integrations");
const cloudfront = require("aws-cdk-lib/aws-cloudfront");
const origins = require("aws-cdk-lib/aws-cloudfront-origins");
const dynamodb = require("aws-cdk-lib/aws-dynamodb");
const events = require("aws-cdk-lib/aws-events");
const targets = require("aws-cdk-lib/aws-events-targets");
const lambda = require("aws-cdk-lib/aws-lambda");
const { NodejsFunction } = require("aws-cdk-lib/aws-lambda-nodejs");
const s3 = require("aws-cdk-lib/aws-s3");
const s3deploy = require("aws-cdk-lib/aws-s3-deployment");

const out = path.resolve(process.argv[2] ?? "cdk.out");
const app = new cdk.App({ outdir: out });
const stack = new cdk.Stack(app, "todo-qa");

const table = new dynamodb.TableV2(stack, "Todos", {
  partitionKey: { name: "pk", type: dynamodb.AttributeType.STRING },
  sortKey: { name: "sk", type: dynamodb.AttributeType.STRING },
  timeToLiveAttribute: "ttl",
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  removalPolicy: cdk.RemovalPolicy.RETAIN,
  globalSecondaryIndexes: [
    {
      indexName: "label1",
      partitionKey: { name: "label1pk", type: dynamodb.AttributeType.STRING },
      sortKey: { name: "label1sk", type: dynamodb.AttributeType.STRING },
    },
  ],
});

/** Both functions: Node 22 on ARM, bundled by esbuild without Docker, the SDK from the Lambda image. */
function fn(id, file, seconds) {
  return new NodejsFunction(stack, id, {
    entry: path.join(__dirname, "handlers", file),
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    timeout: cdk.Duration.seconds(seconds),
    environment: { TABLE_NAME: table.tableName },
    bundling: { minify: true, externalModules: ["@aws-sdk/*"], forceDockerBundling: false },
  });
}
const api = fn("Api", "api.js", 10);
const overdue = fn("Overdue", "overdue.js", 60);
table.grantReadWriteData(api);
table.grantReadData(overdue);

const http = new apigw.HttpApi(stack, "HttpApi");
const integration = new HttpLambdaIntegration("ApiIntegration", api);
http.addRoutes({ path: "/todos", methods: [apigw.HttpMethod.GET], integration });
http.addRoutes({ path: "/todos/{id}", methods: [apigw.HttpMethod.POST, apigw.HttpMethod.DELETE], integration });

new events.Rule(stack, "Hourly", { schedule: events.Schedule.rate(cdk.Duration.hours(1)), targets: [new targets.LambdaFunction(overdue)] });

const site = new s3.Bucket(stack, "Site", {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
});
const apiHost = cdk.Fn.select(2, cdk.Fn.split("/", http.apiEndpoint));
const cdn = new cloudfront.Distribution(stack, "Cdn", {
  defaultRootObject: "index.html",
  defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(site) },
  additionalBehaviors: {
    "/todos*": {
      origin: new origins.HttpOrigin(apiHost),
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    },
  },
});
new s3deploy.BucketDeployment(stack, "SiteFiles", {
  sources: [s3deploy.Source.asset(path.join(__dirname, "..", "..", "examples", "todo", "static"))],
  destinationBucket: site,
  distribution: cdn,
});
new cdk.CfnOutput(stack, "Url", { value: `https://${cdn.distributionDomainName}` });

app.synth();
