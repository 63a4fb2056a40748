import type { CloudFrontRequestEvent, CloudFrontRequestResult } from 'aws-lambda';
import { indexRoutes, routeUri, type ViewerRequestConfig } from './route-uri';

export type ViewerRequestHandler = (event: CloudFrontRequestEvent) => Promise<CloudFrontRequestResult>;

/** The Lambda@Edge adapter: unwraps the CloudFront event, applies the pure routing, never throws. */
export function createViewerRequestHandler(config: ViewerRequestConfig): ViewerRequestHandler {
  const routes = indexRoutes(config.manifest);
  return async (event) => {
    const request = event.Records[0]?.cf.request;
    if (!request) throw new Error('viewer-request: event has no CloudFront request record');
    try {
      return { ...request, uri: routeUri(request.uri, routes) };
    } catch (error) {
      // Only public routing happens here so far, so the untouched request is the safe answer.
      console.error('viewer-request: routing failed, passing the request through', error);
      return request;
    }
  };
}
