import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { FunctionUrlOrigin, HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IFunctionUrl } from 'aws-cdk-lib/aws-lambda';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { API_CSP, SITE_CSP } from '../../../functions/src/platform/http/security-headers.ts';
import { REQUEST_TIME_PAGES } from '../../../functions/src/request-time-pages.ts';
import { REPO_ROOT } from '../paths.ts';

export interface SiteDistributionProps {
  httpApi: HttpApi;
  /** Folder of the built Astro site; `npm run build` makes it. */
  siteDist?: string;
  /** The streaming function URL of the staff CSV exports (StaffExports), behind `/api/staff/campaigns/*.csv`. */
  staffExports?: IFunctionUrl;
}

/** The staff session and sign-in cookies (functions/src/staff/sign-in/session.ts): the only cookies forwarded. */
export const STAFF_COOKIES = ['__Host-lockline-staff', '__Host-lockline-sign-in'] as const;

function headersPolicy(scope: Construct, id: string, csp: string, referrer: HeadersReferrerPolicy) {
  return new ResponseHeadersPolicy(scope, id, {
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.days(365),
        includeSubdomains: true,
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: referrer, override: true },
    },
    customHeadersBehavior: {
      customHeaders: [
        { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()', override: true },
        { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
      ],
    },
  });
}

/**
 * Private S3 bucket (Origin Access Control only) and one CloudFront distribution: the site by
 * default, and `/api/*` and the request-time pages to the HTTP API, uncached, so the API is
 * same-origin. The security header values come from the module the API itself uses.
 */
export class SiteDistribution extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    // Astro writes /es/index.html; S3 has no directory index, so map /es/ and /es to it.
    const indexRewrite = new CloudFrontFunction(this, 'IndexRewrite', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serve index.html for directory URLs',
      code: FunctionCode.fromInline(
        [
          'function handler(event) {',
          '  var request = event.request;',
          '  var uri = request.uri;',
          "  if (uri.endsWith('/')) { request.uri = uri + 'index.html'; }",
          "  else if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) { request.uri = uri + '/index.html'; }",
          '  return request;',
          '}',
        ].join('\n'),
      ),
    });

    const apiDomain = `${props.httpApi.apiId}.execute-api.${props.httpApi.stack.region}.${props.httpApi.stack.urlSuffix}`;
    const apiOrigin = new HttpOrigin(apiDomain);
    const siteHeaders = headersPolicy(this, 'SiteHeaders', SITE_CSP, HeadersReferrerPolicy.NO_REFERRER);
    const apiHeaders = headersPolicy(this, 'ApiHeaders', API_CSP, HeadersReferrerPolicy.NO_REFERRER);

    // What the API origin gets from a viewer request. An allow-list, because no header behaviour
    // both drops the viewer's Host (API Gateway rejects a Host that is not its own) and adds a
    // CloudFront header. CloudFront-Viewer-Address is the client's "ip:port": the connection comes
    // from CloudFront, so the API rate limits on this header (CLIENT_IP_HEADER); without it every
    // client would share one limit. The rest are the request headers the app reads (Origin for the
    // CORS layer and the cross-site refusal of form posts, with Sec-Fetch-Site; Form-Token for JSON
    // submissions). Authorization cannot be in an origin
    // request policy, and a cache policy with caching disabled cannot carry headers, so the staff
    // API, which needs it, has its own behaviour below.
    const apiRequests = new OriginRequestPolicy(this, 'ApiOriginRequest', {
      comment: 'Lockline API origin: client address and the headers the app reads; no Host, no cookies',
      headerBehavior: OriginRequestHeaderBehavior.allowList(
        'CloudFront-Viewer-Address',
        'Accept-Language',
        'Content-Type',
        'Idempotency-Key',
        'Form-Token',
        'Origin',
        'Sec-Fetch-Site',
      ),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      cookieBehavior: OriginRequestCookieBehavior.none(),
    });

    // Families that need the signed-in session (the staff console): the same, plus its cookies.
    const cookiePages = new OriginRequestPolicy(this, 'SessionPageOriginRequest', {
      comment: 'Lockline request-time pages with a staff session: the app headers and the staff cookies only',
      headerBehavior: OriginRequestHeaderBehavior.allowList('CloudFront-Viewer-Address', 'Accept-Language', 'Content-Type', 'Origin', 'Sec-Fetch-Site'),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      cookieBehavior: OriginRequestCookieBehavior.allowList(...STAFF_COOKIES),
    });

    // Pages rendered by the API at request time (functions/src/request-time-pages.ts: the lock
    // finder, request form and status page, ...): uncached, query string passed on, and form POSTs.
    // One behaviour per family, whatever the number of campaigns and languages.
    const dynamicPage = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: apiRequests,
      responseHeadersPolicy: siteHeaders,
    };
    const api = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: apiRequests,
      responseHeadersPolicy: apiHeaders,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Lockline site and API',
      defaultRootObject: 'index.html',
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: siteHeaders,
        functionAssociations: [{ function: indexRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      // Order matters: CloudFront takes the first pattern that matches, so the API comes first
      // (a page pattern such as `*/staff*` would also match `/api/staff/...`), the streamed exports
      // before the rest of /api/staff/*, and /api/staff/* before /api/*.
      additionalBehaviors: {
        ...(props.staffExports
          ? {
              // Streamed CSV (Lambda response streaming, past the 6 MB a buffered response may
              // carry). Origin access control signs these requests, which replaces a viewer's
              // Authorization header, so exports through CloudFront use the session cookie.
              '/api/staff/campaigns/*.csv': {
                origin: FunctionUrlOrigin.withOriginAccessControl(props.staffExports, { readTimeout: Duration.seconds(60) }),
                viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
                allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
                cachePolicy: CachePolicy.CACHING_DISABLED,
                originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
                responseHeadersPolicy: apiHeaders,
              },
            }
          : {}),
        // The staff API authenticates with `Authorization: Bearer` or the console's session cookie.
        // With caching disabled only an all-viewer-headers origin request policy passes
        // Authorization on, so this behaviour keeps the managed one that drops Host.
        '/api/staff/*': { ...api, originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER },
        '/api/*': api,
        ...Object.fromEntries(REQUEST_TIME_PAGES.map((family) => [family.pattern, family.forwardCookies ? { ...dynamicPage, originRequestPolicy: cookiePages } : dynamicPage])),
      },
    });

    const dist = props.siteDist ?? join(REPO_ROOT, 'site', 'dist');
    if (!existsSync(join(dist, 'index.html'))) {
      throw new Error(`The site is not built (${dist} has no index.html). Run: npm run build`);
    }
    new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(dist)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
  }
}
