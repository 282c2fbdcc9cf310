import { describe, expect, it } from 'vitest';
import { endpoints, type OpenApiDocument } from './openapi';

const document: OpenApiDocument = {
  paths: {
    '/functions/v1/get-stats': {
      get: {
        summary: 'Statistics of a site',
        security: [{ apikey: [] }],
        parameters: [
          { name: 'site_id', in: 'query', required: true, schema: { type: 'string' }, example: 'shop' },
          { name: 'date', in: 'query', required: false, schema: { type: 'string', format: 'date' } },
        ],
        responses: { '200': { description: 'The figures', content: { 'application/json': { example: { total_views: 3 } } } } },
      },
    },
    '/api/v1/events': {
      post: {
        summary: 'Send events',
        requestBody: { content: { 'application/json': { examples: { one: { value: { site_id: 'shop' } } } } } },
        responses: { '202': { description: 'Stored' }, '400': { description: 'Invalid' } },
      },
    },
  },
};

describe('endpoints', () => {
  const found = endpoints(document, 'http://localhost:8080');

  it('lists every operation with its method, path and summary', () => {
    expect(found.map((e) => `${e.method} ${e.path} ${e.summary}`)).toEqual([
      'GET /functions/v1/get-stats Statistics of a site',
      'POST /api/v1/events Send events',
    ]);
  });

  it('builds curl from the examples, with the key as $SECRET where the operation needs one', () => {
    expect(found[0].curl).toBe('curl \'http://localhost:8080/functions/v1/get-stats?site_id=shop\' -H "apikey: $SECRET"');
    expect(found[1].curl).toBe(
      `curl -X POST http://localhost:8080/api/v1/events -H 'Content-Type: application/json' -d '{"site_id":"shop"}'`);
  });

  it('keeps parameters and responses with their examples', () => {
    expect(found[0].parameters).toEqual([
      { name: 'site_id', where: 'query', required: true, description: undefined, type: 'string' },
      { name: 'date', where: 'query', required: false, description: undefined, type: 'string' },
    ]);
    expect(found[0].responses[0].example).toContain('"total_views": 3');
    expect(found[1].responses.map((r) => r.status)).toEqual(['202', '400']);
    expect(found[1].requestExample).toContain('"site_id": "shop"');
  });
});
