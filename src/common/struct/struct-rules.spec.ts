import { findIntegrationDataProblem, findStructProblem, normalizeStruct, STRUCT_LIMITS } from './struct-rules';

describe('Struct rules', () => {
  it('accepts every kind of Value, nested', () => {
    const data = {
      a: { boolValue: false },
      b: { stringValue: '' },
      c: { numberValue: -1.5 },
      d: { listValue: [{ x: { numberValue: 1 } }] },
      e: { structValue: { y: { stringValue: 'z' } } },
    };
    expect(findStructProblem(data, 'data')).toBeUndefined();
  });

  it.each([
    [{ a: { stringValue: 'x', boolValue: true } }, 'data.a'],
    [{ a: {} }, 'data.a'],
    [{ a: { stringValue: 1 } }, 'data.a.stringValue'],
    [{ a: { numberValue: Infinity } }, 'data.a.numberValue'],
    [{ a: { other: 1 } }, 'data.a.other'],
    [{ a: { listValue: [{ b: { boolValue: 'no' } }] } }, 'data.a.listValue[0].b.boolValue'],
    [JSON.parse('{"__proto__": {"stringValue": "x"}}'), 'data.__proto__'],
    [{ constructor: { stringValue: 'x' } }, 'data.constructor'],
    [[], 'data'],
  ])('reports %j at %s', (value, path) => {
    expect(findStructProblem(value, 'data')?.path).toBe(path);
  });

  it('bounds depth, keys and size', () => {
    let deep: Record<string, unknown> = { leaf: { boolValue: true } };
    for (let i = 0; i < STRUCT_LIMITS.maxDepth; i++) deep = { n: { structValue: deep } };
    expect(findStructProblem(deep, 'data')?.message).toMatch(/deeper/);
    const wide = Object.fromEntries(Array.from({ length: STRUCT_LIMITS.maxKeys + 1 }, (_, i) => [`k${i}`, { boolValue: true }]));
    expect(findStructProblem(wide, 'data')?.message).toMatch(/more than/);
    const big = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, { stringValue: 'x'.repeat(9000) }]));
    expect(findStructProblem(big, 'data')?.message).toMatch(/bytes/);
  });

  it('drops null kinds beside the one set', () => {
    expect(normalizeStruct({ a: { stringValue: 'x', boolValue: null as unknown as boolean } })).toEqual({ a: { stringValue: 'x' } });
  });

  it('checks integration data entries', () => {
    expect(findIntegrationDataProblem({ crm: { thirdPartyId: 'x' } }, 'integrationData')).toBeUndefined();
    expect(findIntegrationDataProblem({ crm: { thirdPartyId: 5 } }, 'integrationData')?.path).toBe('integrationData.crm.thirdPartyId');
    expect(findIntegrationDataProblem({ crm: { other: 'x' } }, 'integrationData')?.path).toBe('integrationData.crm.other');
  });
});
