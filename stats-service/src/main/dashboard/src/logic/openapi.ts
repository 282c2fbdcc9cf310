// Reads a service's OpenAPI document (springdoc's /v3/api-docs) into the endpoints API Docs
// shows, each with a curl command built from the document's own examples.
import { curlCommand, type RequestSpec } from './curl';

interface Example {
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

interface Parameter extends Example {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string; format?: string; example?: unknown };
}

interface MediaType extends Example {
  schema?: unknown;
}

interface Operation {
  summary?: string;
  description?: string;
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { description?: string; content?: Record<string, MediaType> };
  responses?: Record<string, { description?: string; content?: Record<string, MediaType> }>;
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  info?: { title?: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
}

export interface Endpoint {
  method: string;
  path: string;
  summary: string;
  description?: string;
  needsKey: boolean;
  parameters: { name: string; where: string; required: boolean; description?: string; type?: string }[];
  requestExample?: string;
  responses: { status: string; description?: string; example?: string }[];
  curl: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function exampleOf(holder: Example | undefined): unknown {
  if (!holder) {
    return undefined;
  }
  if (holder.example !== undefined) {
    return holder.example;
  }
  const first = Object.values(holder.examples ?? {})[0];
  return first?.value;
}

function asText(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** The endpoints of one document, in the order of its paths, with curl against baseUrl. */
export function endpoints(document: OpenApiDocument, baseUrl: string): Endpoint[] {
  const found: Endpoint[] = [];
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = operations[method];
      if (!operation) {
        continue;
      }
      const parameters = operation.parameters ?? [];
      const query = parameters
        .filter((p) => p.in === 'query')
        .map((p) => [p.name, exampleOf(p) ?? p.schema?.example] as const)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
      const [contentType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
      const requestExample = asText(exampleOf(media));
      const needsKey = (operation.security ?? []).length > 0;
      const request: RequestSpec = {
        method: method.toUpperCase(),
        url: `${baseUrl}${path}${query.length ? `?${query.join('&')}` : ''}`,
        headers: {
          ...(needsKey ? { apikey: '$SECRET' } : {}),
          ...(requestExample !== undefined ? { 'Content-Type': contentType ?? 'application/json' } : {}),
        },
        body: requestExample !== undefined ? JSON.stringify(JSON.parse(requestExample)) : undefined,
      };
      found.push({
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? operation.operationId ?? path,
        description: operation.description,
        needsKey,
        parameters: parameters.map((p) => ({
          name: p.name, where: p.in, required: p.required ?? false, description: p.description, type: p.schema?.type,
        })),
        requestExample,
        responses: Object.entries(operation.responses ?? {}).map(([status, response]) => ({
          status,
          description: response.description,
          example: asText(exampleOf(Object.values(response.content ?? {})[0])),
        })),
        curl: curlCommand(request),
      });
    }
  }
  return found;
}
