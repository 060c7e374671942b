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
  LambdaEdgeEventType,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type IOrigin,
  type IOriginRequestPolicy,
  type IResponseHeadersPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IFunctionUrl, IVersion } from 'aws-cdk-lib/aws-lambda';
import { FunctionUrlOrigin, HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { API_CSP, FRAME_CSP, SITE_CSP } from '../../../functions/src/platform/http/security-headers.ts';
import { REQUEST_TIME_PAGES } from '../../../functions/src/request-time-pages.ts';
import { ORIGIN_HEADER } from './app-secrets.ts';
import { acknowledge } from '../nag/acknowledgements.ts';

/** A custom domain for the distribution; the certificate must be an ACM certificate in us-east-1. */
export interface SiteDomain {
  names: string[];
  certificateArn: string;
}

export interface SiteDistributionProps {
  httpApi: HttpApi;
  /** Folder of the built Astro site; `npm run build` makes it. */
  siteDist: string;
  /** Sent to the API origin as `x-lockline-origin` (a deploy-time reference to the secret). */
  originHeaderValue: string;
  /** The us-east-1 WAF web ACL (scope CLOUDFRONT). */
  webAclArn: string;
  /** Lambda@Edge origin-response function for the S3 behaviour: the site's 404 page. */
  notFound: IVersion;
  domain?: SiteDomain;
  /** The streaming function URL of the staff CSV exports (StaffExports), behind `/api/staff/campaigns/*.csv`. */
  staffExports?: IFunctionUrl;
}

/** The staff session and sign-in cookies (functions/src/staff/sign-in/session.ts): the only cookies forwarded. */
export const STAFF_COOKIES = ['__Host-lockline-staff', '__Host-lockline-sign-in'] as const;

/**
 * Path patterns of the pages the API renders at request time, one per page family, from the one
 * registry (functions/src/request-time-pages.ts); WAF's submission rule covers the same patterns.
 */
export const REQUEST_TIME_PAGE_PATHS: readonly string[] = REQUEST_TIME_PAGES.map((family) => family.pattern);

/**
 * The behaviour of a page rendered by the API at request time: uncached, query string passed on,
 * form POSTs allowed (a request, a cancellation), the site's security headers. One function so a
 * generated list of pages changes nothing else.
 */
export function requestTimePageBehavior(origin: IOrigin, requests: IOriginRequestPolicy, headers: IResponseHeadersPolicy): BehaviorOptions {
  return {
    origin,
    viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    allowedMethods: AllowedMethods.ALLOW_ALL,
    cachePolicy: CachePolicy.CACHING_DISABLED,
    originRequestPolicy: requests,
    responseHeadersPolicy: headers,
  };
}

function headersPolicy(scope: Construct, id: string, csp: string, referrer: HeadersReferrerPolicy, preload: boolean, frame = HeadersFrameOption.DENY) {
  return new ResponseHeadersPolicy(scope, id, {
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.days(365),
        includeSubdomains: true,
        // Only with a custom domain: preload lists take registrable domains, not *.cloudfront.net.
        preload,
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: frame, override: true },
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
 * same-origin. The security header values come from the module the API itself uses. Every request
 * to the API carries the origin secret (closed origin); WAF sits in front; a missing static path
 * gets the site's own 404 page from a Lambda@Edge function on the S3 behaviour only, so the API's
 * JSON 404s are untouched (docs/decisions/0013). With a custom domain: TLS 1.2 (2021) minimum and
 * HSTS preload.
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
    // The origin secret: the API refuses (403) any request without it, so a direct call to the
    // execute-api endpoint cannot forge CloudFront-Viewer-Address or skip WAF.
    const apiOrigin = new HttpOrigin(apiDomain, { customHeaders: { [ORIGIN_HEADER]: props.originHeaderValue } });
    const preload = props.domain !== undefined;
    const siteHeaders = headersPolicy(this, 'SiteHeaders', SITE_CSP, HeadersReferrerPolicy.NO_REFERRER, preload);
    const apiHeaders = headersPolicy(this, 'ApiHeaders', API_CSP, HeadersReferrerPolicy.NO_REFERRER, preload);
    // Fragments our own pages frame (the live pledge count on the static home page): same headers,
    // but `frame-ancestors 'self'` and SAMEORIGIN instead of none and DENY (decision 0016).
    const frameHeaders = headersPolicy(this, 'FrameHeaders', FRAME_CSP, HeadersReferrerPolicy.NO_REFERRER, preload, HeadersFrameOption.SAMEORIGIN);

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
    // Framed fragments are the same for everyone and cached briefly (the app says 15 seconds), so a
    // launch-day crowd on the home page does not reach the API once per view.
    const briefly = new CachePolicy(this, 'BriefCache', {
      comment: 'Lockline framed fragments: the origin Cache-Control, at most a minute; path-only key',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(15),
      maxTtl: Duration.seconds(60),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const dynamicPage = requestTimePageBehavior(apiOrigin, apiRequests, siteHeaders);
    const pageBehavior = (family: (typeof REQUEST_TIME_PAGES)[number]): BehaviorOptions => {
      if (family.forwardCookies) return { ...dynamicPage, originRequestPolicy: cookiePages };
      if (family.frameable) return { ...dynamicPage, allowedMethods: AllowedMethods.ALLOW_GET_HEAD, cachePolicy: briefly, responseHeadersPolicy: frameHeaders };
      return dynamicPage;
    };
    const api: BehaviorOptions = {
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
      webAclId: props.webAclArn,
      ...(props.domain
        ? {
            domainNames: props.domain.names,
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: siteHeaders,
        functionAssociations: [{ function: indexRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
        edgeLambdas: [{ functionVersion: props.notFound, eventType: LambdaEdgeEventType.ORIGIN_RESPONSE }],
      },
      // Order matters: CloudFront takes the first pattern that matches, so the API comes first (a
      // page pattern such as `*/staff*` or `*/pledge*` also matches `/api/staff/...` and
      // `/api/campaigns/x/pledges`), the streamed exports before the rest of /api/staff/*, and
      // /api/staff/* before /api/*; then the page families in the registry's order.
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
        ...Object.fromEntries(REQUEST_TIME_PAGES.map((family) => [family.pattern, pageBehavior(family)])),
      },
    });

    acknowledge(
      this.bucket,
      'AwsSolutions-S1',
      'Server access logs would record every visitor request with its IP address; the bucket holds only the public static site, is written only by the deployment, and read only through CloudFront (OAC).',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'No geo restriction: the site is public health information, and residents who are travelling or abroad must still reach the crisis lines and their own lock request.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR3',
      'No CloudFront access logs: they would store visitor IPs, ZIP codes from query strings and the private secrets in status-page paths, which the privacy notice promises are not kept. WAF metrics and sampled requests show abuse.',
    );
    if (!props.domain) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose security policy cannot be chosen; with -c domainName the distribution uses TLSv1.2_2021 (asserted in tests).',
      );
    }
    const dist = props.siteDist;
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
