import { createUpcast, upcast, UPCASTERS } from './upcast.js';
import { EventSchemaError, type Upcaster } from './upcaster.js';
import { CURRENT_SCHEMA_VERSION, EVENT_TYPES, isEventType } from './versions.js';

const v1Enrolment = {
  type: 'ClientEnrolled',
  schemaVersion: 1,
  data: {
    caseId: 'c-1',
    enrolledOn: '2019-03-01',
    gender: 'female',
    targetGroups: ['single-parent', 'refugee-ukraine'],
  },
  personal: { givenName: 'Olena', familyName: 'Beispiel', dateOfBirth: '1990-04-23' },
};

describe('schema versions', () => {
  it('writes ClientEnrolled with version 3, PersonalDataErased with 2, every other type with 1', () => {
    const { ClientEnrolled, PersonalDataErased, ...others } = CURRENT_SCHEMA_VERSION;
    expect(ClientEnrolled).toBe(3);
    expect(PersonalDataErased).toBe(2);
    expect(Object.values(others)).toEqual(Array(13).fill(1));
    expect(EVENT_TYPES).toHaveLength(15);
    expect(isEventType('CaseClosed')).toBe(true);
    expect(isEventType('toString')).toBe(false);
  });

  it('has a chain of upcasters from version 1 to the current version of every event type', () => {
    for (const type of EVENT_TYPES) {
      let version = 1;
      while (version < CURRENT_SCHEMA_VERSION[type]) {
        const step = UPCASTERS.find((u) => u.type === type && u.fromVersion === version);
        expect(step).toBeDefined();
        version = step!.toVersion;
      }
      expect(version).toBe(CURRENT_SCHEMA_VERSION[type]);
    }
  });
});

describe('upcast', () => {
  it('reads PersonalDataErased v1 as v2: no person key was kept', () => {
    expect(
      upcast({ type: 'PersonalDataErased', schemaVersion: 1, data: { erasedOn: '2031-01-31' } }),
    ).toStrictEqual({
      type: 'PersonalDataErased',
      data: { erasedOn: '2031-01-31', personKey: null },
    });
  });

  it('reads ClientEnrolled v1 as v3: target groups as flags, birth month from the date of birth, no person key', () => {
    expect(upcast(v1Enrolment)).toStrictEqual({
      type: 'ClientEnrolled',
      data: {
        caseId: 'c-1',
        enrolledOn: '2019-03-01',
        gender: 'female',
        birthMonth: '1990-04',
        targetGroups: { singleParent: true, refugeeUkraine: true },
        personKey: null,
      },
      personal: { givenName: 'Olena', familyName: 'Beispiel', dateOfBirth: '1990-04-23' },
    });
  });

  it('reads an erased ClientEnrolled v1 with an unknown birth month (null)', () => {
    const { personal: _erased, ...stored } = v1Enrolment;
    expect(upcast({ ...stored, data: { ...stored.data, targetGroups: ['u25'] } })).toStrictEqual({
      type: 'ClientEnrolled',
      data: {
        caseId: 'c-1',
        enrolledOn: '2019-03-01',
        gender: 'female',
        birthMonth: null,
        targetGroups: { singleParent: false, refugeeUkraine: false },
        personKey: null,
      },
    });
  });

  it('passes events of the current version through unchanged', () => {
    const data = { caseworkerId: 'cw-1', assignedOn: '2024-01-02' };
    expect(upcast({ type: 'CaseworkerAssigned', schemaVersion: 1, data })).toStrictEqual({
      type: 'CaseworkerAssigned',
      data,
    });
    const v3 = { ...v1Enrolment, schemaVersion: 3, data: { marker: 'untouched' } };
    expect(upcast(v3)).toStrictEqual({
      type: 'ClientEnrolled',
      data: v3.data,
      personal: v3.personal,
    });
  });

  it('reads ClientEnrolled v2 as v3 with an unknown person key (null), erased or not', () => {
    const v2 = { ...v1Enrolment, schemaVersion: 2, data: { caseId: 'c-1', birthMonth: '1990-04' } };
    expect(upcast(v2)).toStrictEqual({
      type: 'ClientEnrolled',
      data: { caseId: 'c-1', birthMonth: '1990-04', personKey: null },
      personal: v2.personal,
    });
    const { personal: _erased, ...erased } = v2;
    expect(upcast(erased)).toStrictEqual({
      type: 'ClientEnrolled',
      data: { caseId: 'c-1', birthMonth: '1990-04', personKey: null },
    });
  });

  it('rejects an unknown event type', () => {
    expect(() => upcast({ type: 'ClientMarried', schemaVersion: 1, data: {} })).toThrow(
      new EventSchemaError('Unknown event type "ClientMarried"'),
    );
    expect(() => upcast({ type: 'constructor', schemaVersion: 1, data: {} })).toThrow(
      EventSchemaError,
    );
  });

  it('rejects a schema version newer than this code knows', () => {
    expect(() => upcast({ ...v1Enrolment, schemaVersion: 4 })).toThrow(
      /ClientEnrolled v4 is newer .* \(v3\)/,
    );
    expect(() => upcast({ type: 'CaseClosed', schemaVersion: 2, data: {} })).toThrow(
      EventSchemaError,
    );
  });

  it('rejects a schema version that is not a positive integer', () => {
    for (const schemaVersion of [0, -1, 1.5, Number.NaN]) {
      expect(() => upcast({ ...v1Enrolment, schemaVersion })).toThrow(/invalid schema version/);
    }
  });

  it('rejects a v1 ClientEnrolled whose target groups are not a list', () => {
    expect(() =>
      upcast({ ...v1Enrolment, data: { ...v1Enrolment.data, targetGroups: 'u25' } }),
    ).toThrow(/targetGroups/);
  });
});

describe('createUpcast: chains of upcasters', () => {
  // A fictional CaseClosed history: v1 had `date`, v2 renamed it to `closedOn`, v3 added `reason`.
  const versions = { ...CURRENT_SCHEMA_VERSION, CaseClosed: 3 };
  const renameDate: Upcaster = {
    type: 'CaseClosed',
    fromVersion: 1,
    toVersion: 2,
    upcast: ({ data }) => ({ data: { closedOn: (data as { date: string }).date } }),
  };
  const addReason: Upcaster = {
    type: 'CaseClosed',
    fromVersion: 2,
    toVersion: 3,
    upcast: ({ data }) => ({ data: { ...(data as object), reason: 'other' } }),
  };

  it('applies every step from the stored version to the current one, in order', () => {
    const read = createUpcast([addReason, renameDate], versions);
    const expected = { type: 'CaseClosed', data: { closedOn: '2024-01-01', reason: 'other' } };
    expect(
      read({ type: 'CaseClosed', schemaVersion: 1, data: { date: '2024-01-01' } }),
    ).toStrictEqual(expected);
    expect(
      read({ type: 'CaseClosed', schemaVersion: 2, data: { closedOn: '2024-01-01' } }),
    ).toStrictEqual(expected);
  });

  it('follows a step that skips versions', () => {
    const skip: Upcaster = {
      ...renameDate,
      toVersion: 3,
      upcast: () => ({ data: { skipped: true } }),
    };
    const read = createUpcast([skip], versions);
    expect(read({ type: 'CaseClosed', schemaVersion: 1, data: {} }).data).toEqual({
      skipped: true,
    });
  });

  it('fails clearly when a step of the chain is missing', () => {
    const read = createUpcast([renameDate], versions);
    expect(() =>
      read({ type: 'CaseClosed', schemaVersion: 1, data: { date: '2024-01-01' } }),
    ).toThrow('No upcaster for CaseClosed from v2 (current v3)');
  });

  it('rejects a registry with a duplicate, backward or too-far step', () => {
    const attempts: Array<readonly Upcaster[]> = [
      [renameDate, { ...renameDate }],
      [{ ...renameDate, toVersion: 1 }],
      [{ ...addReason, toVersion: 4 }],
      [{ ...renameDate, type: 'CaseworkerAssigned' }],
    ];
    for (const upcasters of attempts) {
      expect(() => createUpcast(upcasters, versions)).toThrow(EventSchemaError);
    }
  });
});
