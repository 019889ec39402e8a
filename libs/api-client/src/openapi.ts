// Generated from the OpenAPI document by `npm run client:generate`. Do not edit.
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["HealthController_health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["MetricsController_scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/access-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who read which case’s personal data, when and why, in a month */
        get: operations["AuditController_accessLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/cases/{caseId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every event of a case with its metadata, in pages (logged in the access log) */
        get: operations["AuditController_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/cases/{caseId}/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A case as it stood on a day (asOf, by effective date) or at a position (atPosition) */
        get: operations["AuditController_state"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/integrity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Verify every hash chain and signed checkpoint of your Jobcenter (compare publicKey with the one you were given) */
        get: operations["IntegrityController_verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/integrity/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed checkpoints of your Jobcenter: keep copies outside the operator’s reach and verify against them later (teilhabe audit verify --checkpoints) */
        get: operations["IntegrityController_checkpoints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enrol a client (ClientEnrolled) */
        post: operations["EnrolClientController_enrol"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current state of a case; ETag is its version (If-None-Match gives 304) */
        get: operations["GetCaseController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}/caseworker": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign the caseworker (CaseworkerAssigned); team leads reassign cases */
        post: operations["AssignCaseworkerController_assign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close the case (CaseClosed) */
        post: operations["CloseCaseController_close"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}/cooperation-plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Agree a cooperation plan (CooperationPlanAgreed) */
        post: operations["AgreeCooperationPlanController_agree"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}/employments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The client started work or training (EmploymentStarted) */
        post: operations["EmploymentsController_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}/employments/{employmentId}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The employment ended (EmploymentEnded) */
        post: operations["EmploymentsController_end"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}/erasure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Erase a closed case's personal data (PersonalDataErased; the case's key is destroyed) */
        post: operations["ErasePersonalDataController_erase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}/measures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign a measure of the approved programme (MeasureAssigned) */
        post: operations["AssignMeasureController_assign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}/measures/{assignmentId}/abort": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The measure ended early (MeasureAborted) */
        post: operations["MeasureProgressController_abort"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}/measures/{assignmentId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The client completed the measure (MeasureCompleted) */
        post: operations["MeasureProgressController_complete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}/measures/{assignmentId}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The client started the measure (MeasureStarted) */
        post: operations["MeasureProgressController_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}/need-ended": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Need for assistance ended (NeedForAssistanceEnded) */
        post: operations["NeedController_ended"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{caseId}/need-resumed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Benefit receipt resumed (BenefitReceiptResumed) */
        post: operations["NeedController_resumed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programmes/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The programme of a year with its measures and planned places */
        get: operations["ProgrammeController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programmes/{year}/approval": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the advisory board's approval (ProgrammeApproved); freezes the programme */
        post: operations["ProgrammeController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/programmes/{year}/measures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Offer a measure in the programme (MeasureOffered) */
        post: operations["ProgrammeController_offer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/{indicator}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A key figure for one Jobcenter (or all: *), month, target group and gender */
        get: operations["StatisticsController_statistic"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/{indicator}/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A key figure month by month (from..to, at most 36 months), e.g. for a chart */
        get: operations["StatisticsController_series"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/indicators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every indicator: code, legal basis, definition, and whether teilhabe computes it */
        get: operations["StatisticsController_indicators"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/ranking": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All Jobcenters ranked by an indicator (small counts suppressed) */
        get: operations["StatisticsController_ranking"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live changes (Server-Sent Events); EventSource may pass the token as ?access_token=
         * @description Events: `ready` (with the current `position`), `statistics-changed` (`jobcenters`, `position`), `heartbeat` every 15 s, and `token-expired` (`expiredAt`) at the token's `exp`, after which the server ends the stream: reconnect with a fresh token. One caller (token subject and tenant) may hold STREAMS_PER_CALLER streams open at once (default 5); one more is answered 429 `too-many-streams`, whose `limit` names the number.
         */
        get: operations["StatisticsController_stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AbortMeasureDto: {
            /**
             * Format: date
             * @description The day it happened
             * @example 2024-02-05
             */
            on: string;
            /**
             * @example illness
             * @enum {string}
             */
            reason: "employment" | "illness" | "non-attendance" | "measure-cancelled" | "other";
        };
        AgreeCooperationPlanDto: {
            /**
             * Format: date
             * @example 2024-01-15
             */
            agreedOn: string;
            /**
             * @description Free text: personal data, stored apart
             * @example [
             *       "German course B1",
             *       "Applications as a nursing assistant"
             *     ]
             */
            goals: string[];
        };
        ApproveProgrammeDto: {
            /**
             * Format: date
             * @description The örtlicher Beirat's vote
             * @example 2023-12-12
             */
            approvedOn: string;
        };
        AssignCaseworkerDto: {
            /**
             * Format: date
             * @example 2024-01-08
             */
            assignedOn: string;
            /**
             * @description The caseworker's user id at the identity provider
             * @example anna.schmidt
             */
            caseworkerId: string;
        };
        AssignMeasureDto: {
            /**
             * Format: date
             * @example 2024-02-01
             */
            assignedOn: string;
            /**
             * @description A measure of the approved programme of that year
             * @example JT-2024-01
             */
            measureId: string;
        };
        AuditedEvent: {
            /** @example anna.schmidt */
            actor: string;
            /**
             * @example [
             *       "caseworker"
             *     ]
             */
            actorRoles: string[];
            causationId: Record<string, never> | null;
            correlationId: string;
            data: Record<string, never>;
            /** @example 2024-06-01 */
            effectiveDate: string;
            eventId: string;
            /** @description Link of the stream’s hash chain */
            hash: string;
            /** @description In clear for auditors; null where there is none or it was erased */
            personal: Record<string, never> | null;
            position: number;
            /** @example 2024-06-03T09:14:22.118Z */
            recordedAt: string;
            schemaVersion: number;
            tenant: string;
            type: string;
            version: number;
        };
        CaseAsOf: {
            asOf?: string;
            atPosition?: number;
            caseId: string;
            /** @description How many of the case’s events the state is folded from */
            events: number;
            /** @description null: not enrolled yet at that point */
            state: Record<string, never> | null;
        };
        CaseCommandResult: {
            /**
             * Format: uuid
             * @example 0193a3c4-6f1e-7c2a-9b7e-5d0c1e2f3a4b
             */
            caseId: string;
            /**
             * @description Global position of the last event; pass as minPosition to read your own write
             * @example 1042
             */
            position: number;
            /**
             * @description Version of the stream after the command; send it as If-Match next time
             * @example 3
             */
            version: number;
        };
        CaseHistory: {
            caseId: string;
            events: components["schemas"]["AuditedEvent"][];
            /** @description fromVersion of the next page, null on the last */
            nextFromVersion: Record<string, never> | null;
            personalDataErased: boolean;
        };
        CaseView: {
            /** Format: uuid */
            caseId: string;
            /**
             * @example {
             *       "caseworkerId": "anna.schmidt",
             *       "assignedOn": "2024-01-08"
             *     }
             */
            caseworker?: Record<string, never>;
            client: components["schemas"]["ClientView"];
            closedOn?: string;
            closeReason?: string;
            /**
             * @example {
             *       "agreedOn": "2024-01-15",
             *       "goals": [
             *         "German course B1"
             *       ]
             *     }
             */
            cooperationPlan?: Record<string, never>;
            /**
             * @example [
             *       {
             *         "employmentId": "…",
             *         "kind": "insured",
             *         "startedOn": "2024-06-01",
             *         "subsidised": false
             *       }
             *     ]
             */
            employments: string[];
            /** @example 2024-01-08 */
            enrolledOn: string;
            /** @example 2024-06-30 */
            latestEffectiveDate: string;
            /**
             * @example [
             *       {
             *         "assignmentId": "…",
             *         "measureId": "JT-2024-01",
             *         "programmeYear": 2024,
             *         "assignedOn": "2024-02-01"
             *       }
             *     ]
             */
            measures: string[];
            /**
             * @example {
             *       "ongoing": false,
             *       "endedOn": "2024-06-30",
             *       "reason": "employment-income"
             *     }
             */
            need: Record<string, never>;
            /** @description The personal data was erased (crypto-shredded): names and dates are null */
            personalDataErased: boolean;
            /** @enum {string} */
            status: "active" | "closed";
            /**
             * @example {
             *       "singleParent": true,
             *       "refugeeUkraine": true
             *     }
             */
            targetGroups: Record<string, never>;
            /** @example 7 */
            version: number;
        };
        ClientDto: {
            /**
             * Format: date
             * @description Personal data; only the month is kept in clear
             * @example 1990-04-17
             */
            dateOfBirth: string;
            /**
             * @description Personal data. Not only whitespace; no zero-width or bidi-override characters
             * @example Kovalenko
             */
            familyName: string;
            /**
             * @example female
             * @enum {string}
             */
            gender: "female" | "male" | "diverse" | "unspecified";
            /**
             * @description Personal data: stored apart, encryptable. Not only whitespace; no zero-width or bidi-override characters
             * @example Olena
             */
            givenName: string;
        };
        ClientView: {
            /**
             * @description Pseudonymous, kept in clear for statistics
             * @example 1990-04
             */
            birthMonth: Record<string, never> | null;
            /** @example 1990-04-17 */
            dateOfBirth: Record<string, never> | null;
            /** @example Kovalenko */
            familyName: Record<string, never> | null;
            /** @example female */
            gender: string;
            /** @example Olena */
            givenName: Record<string, never> | null;
        };
        CloseCaseDto: {
            /**
             * Format: date
             * @example 2024-09-30
             */
            closedOn: string;
            /**
             * @example need-ended
             * @enum {string}
             */
            reason: "need-ended" | "moved" | "transferred" | "deceased" | "other";
        };
        EmploymentStartResult: {
            /**
             * Format: uuid
             * @example 0193a3c4-6f1e-7c2a-9b7e-5d0c1e2f3a4b
             */
            caseId: string;
            /**
             * Format: uuid
             * @description Names this employment when it ends
             */
            employmentId: string;
            /**
             * @description Global position of the last event; pass as minPosition to read your own write
             * @example 1042
             */
            position: number;
            /**
             * @description Version of the stream after the command; send it as If-Match next time
             * @example 3
             */
            version: number;
        };
        EndEmploymentDto: {
            /**
             * Format: date
             * @example 2024-12-31
             */
            endedOn: string;
        };
        EndNeedDto: {
            /**
             * Format: date
             * @example 2024-06-30
             */
            endedOn: string;
            /**
             * @example employment-income
             * @enum {string}
             */
            reason: "employment-income" | "other-income" | "household-change" | "moved" | "other";
        };
        EnrolClientDto: {
            /**
             * Format: uuid
             * @description Chosen by the frontend (any case; stored in lower case, not the nil UUID); otherwise assigned
             */
            caseId?: string;
            client: components["schemas"]["ClientDto"];
            /**
             * Format: date
             * @example 2024-01-08
             */
            enrolledOn: string;
            /**
             * @description An identifier of the person that outlives the case, such as the BA customer number (Kundennummer). Links re-enrolments for the statistics; never stored or returned, only a keyed hash of it. Without it, the name and date of birth are used.
             * @example 123A456789
             */
            personReference?: string;
            targetGroups?: components["schemas"]["TargetGroupsDto"];
        };
        FieldErrorDto: {
            /**
             * @description A body field (`client.dateOfBirth`, `goals[2]`), `body` itself, `path` or `path:<param>`, `query:<param>` or `header:<Name>`
             * @example client.dateOfBirth
             */
            field: string;
            /** @example dateOfBirth must be a calendar date YYYY-MM-DD that exists */
            message: string;
            /** @example isCalendarDate */
            rule: string;
        };
        IndicatorCatalogueView: {
            items: components["schemas"]["IndicatorEntryView"][];
        };
        IndicatorEntryView: {
            /** @description A month against the same month a year earlier (K1, K1E1, K1E2, K3): `value` is the quotient, shown as a rate of change (value − 1) × 100 % */
            changeFigure: boolean;
            /**
             * @description Code in the SGB2§48aFKV; null for teilhabe’s own figures
             * @example K2
             */
            code: string | null;
            /** @description false: teilhabe names the figure but never gives a value of it */
            computable: boolean;
            definition: string;
            /**
             * @description Only when computable: months after the reference month it needs
             * @example 0
             */
            followUp?: number;
            /** @example § 5 Abs. 1 SGB2§48aFKV */
            legalBasis: string | null;
            /**
             * @description Only when computable: months before the reference month the figure reads
             * @example 12
             */
            lookBack?: number;
            /** @example integration-quota */
            name: string;
            /** @description Only when not computable: why not */
            reason?: string;
            /** @example K2 Integrationsquote */
            title: string;
        };
        MeasureAssignmentResult: {
            /**
             * Format: uuid
             * @description Names this assignment in start, complete and abort
             */
            assignmentId: string;
            /**
             * Format: uuid
             * @example 0193a3c4-6f1e-7c2a-9b7e-5d0c1e2f3a4b
             */
            caseId: string;
            /**
             * @description Global position of the last event; pass as minPosition to read your own write
             * @example 1042
             */
            position: number;
            /**
             * @description Version of the stream after the command; send it as If-Match next time
             * @example 3
             */
            version: number;
        };
        MeasureDateDto: {
            /**
             * Format: date
             * @description The day it happened
             * @example 2024-02-05
             */
            on: string;
        };
        MeasureOfferResult: {
            /** @example JT-2024-01 */
            measureId: string;
            /**
             * @description Global position of the last event; pass as minPosition to read your own write
             * @example 1042
             */
            position: number;
            /**
             * @description Version of the stream after the command; send it as If-Match next time
             * @example 3
             */
            version: number;
            /** @example 2024 */
            year: number;
        };
        OfferMeasureDto: {
            /**
             * @example vocational-training
             * @enum {string}
             */
            kind: "activation" | "vocational-training" | "wage-subsidy" | "job-application-training" | "coaching" | "other";
            /** @example JT-2024-01 */
            measureId: string;
            /**
             * Format: date
             * @description Default: today
             * @example 2023-11-20
             */
            offeredOn?: string;
            /** @example 40 */
            plannedPlaces: number;
            /**
             * @example [
             *       "refugee-ukraine"
             *     ]
             */
            targetGroups: ("u25" | "50plus" | "single-parent" | "refugee-ukraine" | "all")[];
            /** @example Job-Turbo: Berufssprachkurs mit Praktikum */
            title: string;
        };
        ProblemDetailsDto: {
            /**
             * @description The stable code that also ends `type`
             * @example validation-failed
             */
            code: string;
            detail?: string;
            errors?: components["schemas"]["FieldErrorDto"][];
            /**
             * @description The path the request was sent to, without its query string
             * @example /v1/cases
             */
            instance?: string;
            /** @example 400 */
            status: number;
            /** @example The request is not valid */
            title: string;
            /** @example urn:teilhabe:problem:validation-failed */
            type: string;
        };
        ProgrammeCommandResult: {
            /**
             * @description Global position of the last event; pass as minPosition to read your own write
             * @example 1042
             */
            position: number;
            /**
             * @description Version of the stream after the command; send it as If-Match next time
             * @example 3
             */
            version: number;
            /** @example 2024 */
            year: number;
        };
        ProgrammeView: {
            /** @example 2023-12-12 */
            approvedOn?: string;
            /**
             * @example [
             *       {
             *         "measureId": "JT-2024-01",
             *         "title": "Berufssprachkurs",
             *         "kind": "vocational-training",
             *         "plannedPlaces": 40,
             *         "targetGroups": [
             *           "refugee-ukraine"
             *         ]
             *       }
             *     ]
             */
            measures: string[];
            /** @enum {string} */
            status: "draft" | "approved";
            /** @example 4 */
            version: number;
            /** @example 2024 */
            year: number;
        };
        ResumeNeedDto: {
            /**
             * Format: date
             * @example 2024-11-01
             */
            resumedOn: string;
        };
        StartEmploymentDto: {
            /**
             * @description insured, vocational-training and self-employed count as Integration; marginal (Minijob) and publicly-funded do not
             * @example insured
             * @enum {string}
             */
            kind: "insured" | "vocational-training" | "self-employed" | "marginal" | "publicly-funded";
            /**
             * @description Euros per month; personal data, stored apart
             * @example 2450
             */
            monthlyGrossIncome?: number;
            /**
             * Format: date
             * @example 2024-06-01
             */
            startedOn: string;
            /**
             * @description Subsidised by in-work benefits (Eingliederungszuschuss, Einstiegsgeld)
             * @example false
             */
            subsidised: boolean;
        };
        StatisticSeries: {
            /** @description One answer per month, oldest first */
            items: components["schemas"]["StatisticView"][];
        };
        StatisticView: {
            /** @description Per reason (need-ended) or per measure (measure figures) */
            breakdown?: string[];
            /** @description How the figure is computed, in the language asked (`lang`) */
            definition: string;
            /** @example 158.25 */
            denominator: Record<string, never> | null;
            /** @enum {string} */
            gender: "all" | "female" | "male" | "diverse" | "unspecified";
            /** @enum {string} */
            indicator: "integration-quota" | "marginal-employment-quota" | "publicly-funded-quota" | "continuous-employment" | "single-parent-integration-quota" | "need-covering-integrations" | "long-term-recipients" | "long-term-integration-quota" | "long-term-activation-quota" | "long-term-entry-rate" | "long-term-exit-rate" | "elb-change" | "elb-entry-rate" | "elb-exit-rate" | "need-ended" | "measure-occupancy" | "measure-integration" | "stock";
            /** @example jc-kronach */
            jobcenter: string;
            /** @example 2024-06 */
            month: string;
            /** @example 57 */
            numerator: Record<string, never> | null;
            /**
             * @description The read model includes all events up to this position
             * @example 1042
             */
            position: number;
            /** @description The month is among the last three: late reports may still change it */
            provisional: boolean;
            /** @description A count of 1 or 2, or derivable from one: hidden (null), never zero */
            suppressed: boolean;
            /** @enum {string} */
            targetGroup: "all" | "u25" | "50plus" | "single-parent" | "refugee-ukraine";
            /** @example K2 Integrationsquote (integration quota) */
            title: string;
            /** @example 0.3602 */
            value: Record<string, never> | null;
        };
        TargetGroupsDto: {
            /**
             * @description Refugee from Ukraine (Job-Turbo)
             * @example true
             */
            refugeeUkraine?: boolean;
            /**
             * @description Alleinerziehend
             * @example true
             */
            singleParent?: boolean;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    HealthController_health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    MetricsController_scrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuditController_accessLog: {
        parameters: {
            query: {
                /** @description Only reads of this case */
                caseId?: string;
                /** @description Month of the access log (YYYY-MM) */
                month: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuditController_history: {
        parameters: {
            query?: {
                /** @description First stream version to return (default 1) */
                fromVersion?: string;
                /** @description Page size, 1-1000 (default 100) */
                limit?: string;
            };
            header: {
                /** @description Why the auditor reads this (3-500 characters, logged as sent). Non-ASCII text is sent as UTF-8 bytes, or as an RFC 8187 value UTF-8''<percent-encoded UTF-8> (e.g. UTF-8''Pr%C3%BCfung%202026 for Prüfung 2026); other bytes that are no UTF-8 are read as ISO-8859-1. */
                Reason: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseHistory"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    AuditController_state: {
        parameters: {
            query?: {
                /** @description The case as it stood on this day (by effective date) */
                asOf?: string;
                /** @description The case as the system knew it at this global position */
                atPosition?: string;
            };
            header: {
                /** @description Why the auditor reads this (3-500 characters, logged as sent). Non-ASCII text is sent as UTF-8 bytes, or as an RFC 8187 value UTF-8''<percent-encoded UTF-8> (e.g. UTF-8''Pr%C3%BCfung%202026 for Prüfung 2026); other bytes that are no UTF-8 are read as ISO-8859-1. */
                Reason: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseAsOf"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    IntegrityController_verify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    IntegrityController_checkpoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    EnrolClientController_enrol: {
        parameters: {
            query?: never;
            header?: {
                /** @description A UUID; a retry with the same key and body returns the first result and records nothing */
                "Idempotency-Key"?: string;
                /** @description Only if the stream is still at this version: the strong ETag, e.g. "3" (a weak W/"3" never matches: 412) */
                "If-Match"?: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EnrolClientDto"];
            };
        };
        responses: {
            /** @description Recorded; ETag carries the new version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseCommandResult"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflicts with the current state (a domain rule, or a concurrent write) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description If-Match names a version that is no longer current (stale-version), or is a weak entity tag, which never matches (weak-entity-tag) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Content-Type is not application/json, its charset is not UTF-8, or the Content-Encoding is not identity, gzip, deflate or br (errors name the header) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Valid JSON that the domain cannot apply (e.g. a date before enrolment), or a reused Idempotency-Key */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    GetCaseController_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseView"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    AssignCaseworkerController_assign: {
        parameters: {
            query?: never;
            header?: {
                /** @description A UUID; a retry with the same key and body returns the first result and records nothing */
                "Idempotency-Key"?: string;
                /** @description Only if the stream is still at this version: the strong ETag, e.g. "3" (a weak W/"3" never matches: 412) */
                "If-Match"?: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignCaseworkerDto"];
            };
        };
        responses: {
            /** @description Recorded; ETag carries the new version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseCommandResult"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflicts with the current state (a domain rule, or a concurrent write) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description If-Match names a version that is no longer current (stale-version), or is a weak entity tag, which never matches (weak-entity-tag) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Content-Type is not application/json, its charset is not UTF-8, or the Content-Encoding is not identity, gzip, deflate or br (errors name the header) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Valid JSON that the domain cannot apply (e.g. a date before enrolment), or a reused Idempotency-Key */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    CloseCaseController_close: {
        parameters: {
            query?: never;
            header?: {
                /** @description A UUID; a retry with the same key and body returns the first result and records nothing */
                "Idempotency-Key"?: string;
                /** @description Only if the stream is still at this version: the strong ETag, e.g. "3" (a weak W/"3" never matches: 412) */
                "If-Match"?: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CloseCaseDto"];
            };
        };
        responses: {
            /** @description Recorded; ETag carries the new version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseCommandResult"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflicts with the current state (a domain rule, or a concurrent write) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description If-Match names a version that is no longer current (stale-version), or is a weak entity tag, which never matches (weak-entity-tag) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Content-Type is not application/json, its charset is not UTF-8, or the Content-Encoding is not identity, gzip, deflate or br (errors name the header) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Valid JSON that the domain cannot apply (e.g. a date before enrolment), or a reused Idempotency-Key */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    AgreeCooperationPlanController_agree: {
        parameters: {
            query?: never;
            header?: {
                /** @description A UUID; a retry with the same key and body returns the first result and records nothing */
                "Idempotency-Key"?: string;
                /** @description Only if the stream is still at this version: the strong ETag, e.g. "3" (a weak W/"3" never matches: 412) */
                "If-Match"?: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgreeCooperationPlanDto"];
            };
        };
        responses: {
            /** @description Recorded; ETag carries the new version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseCommandResult"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflicts with the current state (a domain rule, or a concurrent write) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description If-Match names a version that is no longer current (stale-version), or is a weak entity tag, which never matches (weak-entity-tag) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Content-Type is not application/json, its charset is not UTF-8, or the Content-Encoding is not identity, gzip, deflate or br (errors name the header) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Valid JSON that the domain cannot apply (e.g. a date before enrolment), or a reused Idempotency-Key */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    EmploymentsController_start: {
        parameters: {
            query?: never;
            header?: {
                /** @description A UUID; a retry with the same key and body returns the first result and records nothing */
                "Idempotency-Key"?: string;
                /** @description Only if the stream is still at this version: the strong ETag, e.g. "3" (a weak W/"3" never matches: 412) */
                "If-Match"?: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartEmploymentDto"];
            };
        };
        responses: {
            /** @description Recorded; ETag carries the new version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmploymentStartResult"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflicts with the current state (a domain rule, or a concurrent write) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description If-Match names a version that is no longer current (stale-version), or is a weak entity tag, which never matches (weak-entity-tag) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Content-Type is not application/json, its charset is not UTF-8, or the Content-Encoding is not identity, gzip, deflate or br (errors name the header) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Valid JSON that the domain cannot apply (e.g. a date before enrolment), or a reused Idempotency-Key */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    EmploymentsController_end: {
        parameters: {
            query?: never;
            header?: {
                /** @description A UUID; a retry with the same key and body returns the first result and records nothing */
                "Idempotency-Key"?: string;
                /** @description Only if the stream is still at this version: the strong ETag, e.g. "3" (a weak W/"3" never matches: 412) */
                "If-Match"?: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
                employmentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EndEmploymentDto"];
            };
        };
        responses: {
            /** @description Recorded; ETag carries the new version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseCommandResult"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflicts with the current state (a domain rule, or a concurrent write) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description If-Match names a version that is no longer current (stale-version), or is a weak entity tag, which never matches (weak-entity-tag) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Content-Type is not application/json, its charset is not UTF-8, or the Content-Encoding is not identity, gzip, deflate or br (errors name the header) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Valid JSON that the domain cannot apply (e.g. a date before enrolment), or a reused Idempotency-Key */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    ErasePersonalDataController_erase: {
        parameters: {
            query?: never;
            header?: {
                /** @description A UUID; a retry with the same key and body returns the first result and records nothing */
                "Idempotency-Key"?: string;
                /** @description Only if the stream is still at this version: the strong ETag, e.g. "3" (a weak W/"3" never matches: 412) */
                "If-Match"?: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Recorded; ETag carries the new version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseCommandResult"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflicts with the current state (a domain rule, or a concurrent write) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description If-Match names a version that is no longer current (stale-version), or is a weak entity tag, which never matches (weak-entity-tag) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Content-Type is not application/json, its charset is not UTF-8, or the Content-Encoding is not identity, gzip, deflate or br (errors name the header) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Valid JSON that the domain cannot apply (e.g. a date before enrolment), or a reused Idempotency-Key */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    AssignMeasureController_assign: {
        parameters: {
            query?: never;
            header?: {
                /** @description A UUID; a retry with the same key and body returns the first result and records nothing */
                "Idempotency-Key"?: string;
                /** @description Only if the stream is still at this version: the strong ETag, e.g. "3" (a weak W/"3" never matches: 412) */
                "If-Match"?: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignMeasureDto"];
            };
        };
        responses: {
            /** @description Recorded; ETag carries the new version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeasureAssignmentResult"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflicts with the current state (a domain rule, or a concurrent write) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description If-Match names a version that is no longer current (stale-version), or is a weak entity tag, which never matches (weak-entity-tag) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Content-Type is not application/json, its charset is not UTF-8, or the Content-Encoding is not identity, gzip, deflate or br (errors name the header) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Valid JSON that the domain cannot apply (e.g. a date before enrolment), or a reused Idempotency-Key */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    MeasureProgressController_abort: {
        parameters: {
            query?: never;
            header?: {
                /** @description A UUID; a retry with the same key and body returns the first result and records nothing */
                "Idempotency-Key"?: string;
                /** @description Only if the stream is still at this version: the strong ETag, e.g. "3" (a weak W/"3" never matches: 412) */
                "If-Match"?: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                assignmentId: string;
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AbortMeasureDto"];
            };
        };
        responses: {
            /** @description Recorded; ETag carries the new version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseCommandResult"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflicts with the current state (a domain rule, or a concurrent write) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description If-Match names a version that is no longer current (stale-version), or is a weak entity tag, which never matches (weak-entity-tag) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Content-Type is not application/json, its charset is not UTF-8, or the Content-Encoding is not identity, gzip, deflate or br (errors name the header) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Valid JSON that the domain cannot apply (e.g. a date before enrolment), or a reused Idempotency-Key */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    MeasureProgressController_complete: {
        parameters: {
            query?: never;
            header?: {
                /** @description A UUID; a retry with the same key and body returns the first result and records nothing */
                "Idempotency-Key"?: string;
                /** @description Only if the stream is still at this version: the strong ETag, e.g. "3" (a weak W/"3" never matches: 412) */
                "If-Match"?: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                assignmentId: string;
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MeasureDateDto"];
            };
        };
        responses: {
            /** @description Recorded; ETag carries the new version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseCommandResult"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflicts with the current state (a domain rule, or a concurrent write) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description If-Match names a version that is no longer current (stale-version), or is a weak entity tag, which never matches (weak-entity-tag) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Content-Type is not application/json, its charset is not UTF-8, or the Content-Encoding is not identity, gzip, deflate or br (errors name the header) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Valid JSON that the domain cannot apply (e.g. a date before enrolment), or a reused Idempotency-Key */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    MeasureProgressController_start: {
        parameters: {
            query?: never;
            header?: {
                /** @description A UUID; a retry with the same key and body returns the first result and records nothing */
                "Idempotency-Key"?: string;
                /** @description Only if the stream is still at this version: the strong ETag, e.g. "3" (a weak W/"3" never matches: 412) */
                "If-Match"?: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                assignmentId: string;
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MeasureDateDto"];
            };
        };
        responses: {
            /** @description Recorded; ETag carries the new version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseCommandResult"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflicts with the current state (a domain rule, or a concurrent write) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description If-Match names a version that is no longer current (stale-version), or is a weak entity tag, which never matches (weak-entity-tag) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Content-Type is not application/json, its charset is not UTF-8, or the Content-Encoding is not identity, gzip, deflate or br (errors name the header) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Valid JSON that the domain cannot apply (e.g. a date before enrolment), or a reused Idempotency-Key */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    NeedController_ended: {
        parameters: {
            query?: never;
            header?: {
                /** @description A UUID; a retry with the same key and body returns the first result and records nothing */
                "Idempotency-Key"?: string;
                /** @description Only if the stream is still at this version: the strong ETag, e.g. "3" (a weak W/"3" never matches: 412) */
                "If-Match"?: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EndNeedDto"];
            };
        };
        responses: {
            /** @description Recorded; ETag carries the new version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseCommandResult"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflicts with the current state (a domain rule, or a concurrent write) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description If-Match names a version that is no longer current (stale-version), or is a weak entity tag, which never matches (weak-entity-tag) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Content-Type is not application/json, its charset is not UTF-8, or the Content-Encoding is not identity, gzip, deflate or br (errors name the header) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Valid JSON that the domain cannot apply (e.g. a date before enrolment), or a reused Idempotency-Key */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    NeedController_resumed: {
        parameters: {
            query?: never;
            header?: {
                /** @description A UUID; a retry with the same key and body returns the first result and records nothing */
                "Idempotency-Key"?: string;
                /** @description Only if the stream is still at this version: the strong ETag, e.g. "3" (a weak W/"3" never matches: 412) */
                "If-Match"?: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                caseId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResumeNeedDto"];
            };
        };
        responses: {
            /** @description Recorded; ETag carries the new version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseCommandResult"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflicts with the current state (a domain rule, or a concurrent write) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description If-Match names a version that is no longer current (stale-version), or is a weak entity tag, which never matches (weak-entity-tag) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Content-Type is not application/json, its charset is not UTF-8, or the Content-Encoding is not identity, gzip, deflate or br (errors name the header) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Valid JSON that the domain cannot apply (e.g. a date before enrolment), or a reused Idempotency-Key */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    ProgrammeController_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgrammeView"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    ProgrammeController_approve: {
        parameters: {
            query?: never;
            header?: {
                /** @description A UUID; a retry with the same key and body returns the first result and records nothing */
                "Idempotency-Key"?: string;
                /** @description Only if the stream is still at this version: the strong ETag, e.g. "3" (a weak W/"3" never matches: 412) */
                "If-Match"?: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveProgrammeDto"];
            };
        };
        responses: {
            /** @description Recorded; ETag carries the new version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgrammeCommandResult"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflicts with the current state (a domain rule, or a concurrent write) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description If-Match names a version that is no longer current (stale-version), or is a weak entity tag, which never matches (weak-entity-tag) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Content-Type is not application/json, its charset is not UTF-8, or the Content-Encoding is not identity, gzip, deflate or br (errors name the header) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Valid JSON that the domain cannot apply (e.g. a date before enrolment), or a reused Idempotency-Key */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    ProgrammeController_offer: {
        parameters: {
            query?: never;
            header?: {
                /** @description A UUID; a retry with the same key and body returns the first result and records nothing */
                "Idempotency-Key"?: string;
                /** @description Only if the stream is still at this version: the strong ETag, e.g. "3" (a weak W/"3" never matches: 412) */
                "If-Match"?: string;
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OfferMeasureDto"];
            };
        };
        responses: {
            /** @description Recorded; ETag carries the new version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MeasureOfferResult"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Conflicts with the current state (a domain rule, or a concurrent write) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description If-Match names a version that is no longer current (stale-version), or is a weak entity tag, which never matches (weak-entity-tag) */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Body larger than 64 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Content-Type is not application/json, its charset is not UTF-8, or the Content-Encoding is not identity, gzip, deflate or br (errors name the header) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Valid JSON that the domain cannot apply (e.g. a date before enrolment), or a reused Idempotency-Key */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    StatisticsController_statistic: {
        parameters: {
            query?: {
                gender?: "all" | "female" | "male" | "diverse" | "unspecified";
                /** @description Default: your own; `*` (national analysts): all together */
                jobcenter?: string;
                /** @description Language of `title` and `definition`: de (German) or en (English) */
                lang?: "de" | "en";
                /** @description A command's `position`: wait (up to 5 s) until the figures include it */
                minPosition?: string;
                /** @description Reference month (YYYY-MM); default: the current month */
                month?: string;
                targetGroup?: "all" | "u25" | "50plus" | "single-parent" | "refugee-ukraine";
            };
            header?: {
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                indicator: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatisticView"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    StatisticsController_series: {
        parameters: {
            query: {
                /** @description First month (YYYY-MM) */
                from: string;
                gender?: "all" | "female" | "male" | "diverse" | "unspecified";
                /** @description Default: your own; `*` (national analysts): all together */
                jobcenter?: string;
                /** @description Language of `title` and `definition`: de (German) or en (English) */
                lang?: "de" | "en";
                targetGroup?: "all" | "u25" | "50plus" | "single-parent" | "refugee-ukraine";
                /** @description Last month (YYYY-MM), at most 36 months after from */
                to: string;
            };
            header?: {
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path: {
                indicator: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatisticSeries"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    StatisticsController_indicators: {
        parameters: {
            query?: {
                /** @description Language of `title` and `definition`: de (German) or en (English) */
                lang?: "de" | "en";
            };
            header?: {
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IndicatorCatalogueView"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    StatisticsController_ranking: {
        parameters: {
            query: {
                gender?: "all" | "female" | "male" | "diverse" | "unspecified";
                indicator: "integration-quota" | "marginal-employment-quota" | "publicly-funded-quota" | "continuous-employment" | "single-parent-integration-quota" | "need-covering-integrations" | "long-term-recipients" | "long-term-integration-quota" | "long-term-activation-quota" | "long-term-entry-rate" | "long-term-exit-rate" | "elb-change" | "elb-entry-rate" | "elb-exit-rate" | "need-ended" | "measure-occupancy" | "measure-integration" | "stock";
                /** @description Language of `title` and `definition`: de (German) or en (English) */
                lang?: "de" | "en";
                /** @description Reference month (YYYY-MM); default: the current month */
                month?: string;
                targetGroup?: "all" | "u25" | "50plus" | "single-parent" | "refugee-ukraine";
            };
            header?: {
                /** @description Ties the request to its events and logs; echoed in the response (generated if absent) */
                "X-Correlation-Id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatisticView"];
                };
            };
            /** @description Bad input: malformed JSON, a body that cannot be decompressed, wrong types, unknown fields, impossible dates (errors name each field, header or `body`, and the rule) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description No such case or programme in your Jobcenter */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
    StatisticsController_stream: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description No valid bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description The token lacks a role this needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
            /** @description Too many requests from this caller (too-many-requests), too many failed authentications from this address (too-many-failed-authentications) or, on the live stream, too many open streams (too-many-streams, with `limit`); Retry-After says when to try again where waiting helps */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetailsDto"];
                };
            };
        };
    };
}
