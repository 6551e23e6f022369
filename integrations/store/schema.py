"""Versioned schema migrations, applied at open, each step written for both backends side by side.

SQLite records the version in `PRAGMA user_version`, PostgreSQL in the one-row table
`schema_version`. Both texts of a step must leave the same tables, columns and keys: the
repositories run the same statements on either (see `integrations.store.postgres` for the few
spellings it translates). A new step is one more `Migration` at the end, with both texts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One schema step: `sqlite` and `postgresql` are `;`-separated statements."""

    sqlite: str
    postgresql: str

    @classmethod
    def same(cls, text: str) -> "Migration":
        """A step whose text both backends accept as it is."""
        return cls(text, text)


MIGRATIONS: tuple[Migration, ...] = (
    # 1: the first schema (DESIGN §3). PostgreSQL: identity keys instead of rowids, BIGINT for the
    # ids that point at them, and `end` quoted (a reserved word there).
    Migration(
        sqlite="""
        CREATE TABLE inbox (
            id INTEGER PRIMARY KEY,
            provider TEXT NOT NULL,
            provider_message_id TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            phone TEXT NOT NULL,
            payload TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending',
            note TEXT,
            received_at TEXT NOT NULL,
            done_at TEXT,
            UNIQUE (provider, provider_message_id)
        );
        CREATE INDEX inbox_pending ON inbox (status, id) WHERE status = 'pending';
        CREATE INDEX inbox_conversation ON inbox (conversation_id, id);

        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            phone TEXT NOT NULL,
            provider TEXT NOT NULL,
            inbound_id INTEGER REFERENCES inbox (id),
            seq INTEGER NOT NULL DEFAULT 0,
            origin TEXT NOT NULL,
            origin_ref TEXT,
            body TEXT,
            content_sid TEXT,
            content_variables TEXT,
            status TEXT NOT NULL,
            provider_message_id TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            error_code TEXT,
            error_message TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (inbound_id, seq),
            UNIQUE (origin, origin_ref)
        );
        CREATE INDEX outbox_open ON outbox (status, id) WHERE status IN ('queued', 'sending');
        CREATE INDEX outbox_provider_id ON outbox (provider_message_id);

        CREATE TABLE outbox_events (
            id INTEGER PRIMARY KEY,
            outbox_id INTEGER NOT NULL REFERENCES outbox (id),
            status TEXT NOT NULL,
            error_code TEXT,
            at TEXT NOT NULL
        );

        CREATE TABLE contacts (
            phone TEXT PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            wa_id TEXT NOT NULL DEFAULT '',
            hubspot_id TEXT,
            chatwoot_contact_id INTEGER,
            chatwoot_source_id TEXT,
            lead_score INTEGER NOT NULL DEFAULT 0,
            lead_status TEXT NOT NULL DEFAULT 'COLD',
            lead_reasons TEXT NOT NULL DEFAULT '[]',
            opted_out INTEGER NOT NULL DEFAULT 0,
            invalid_number INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        CREATE TABLE conversations (
            id TEXT PRIMARY KEY,
            phone TEXT NOT NULL,
            provider TEXT NOT NULL,
            handoff INTEGER NOT NULL DEFAULT 0,
            handoff_reason TEXT,
            chatwoot_conversation_id INTEGER,
            last_inbound_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX conversations_chatwoot ON conversations (chatwoot_conversation_id);

        CREATE TABLE transcript (
            id INTEGER PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            direction TEXT NOT NULL,
            author TEXT NOT NULL,
            body TEXT NOT NULL,
            ref TEXT,
            at TEXT NOT NULL
        );
        CREATE INDEX transcript_conversation ON transcript (conversation_id, id);

        CREATE TABLE appointments (
            id TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            phone TEXT NOT NULL,
            stock_id TEXT,
            car TEXT NOT NULL,
            start TEXT NOT NULL,
            end TEXT NOT NULL,
            status TEXT NOT NULL,
            calendar_event_id TEXT,
            hubspot_deal_id TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX appointments_start ON appointments (status, start);

        CREATE TABLE cars (
            stock_id TEXT PRIMARY KEY,
            make TEXT NOT NULL,
            model TEXT NOT NULL,
            variant TEXT NOT NULL,
            year INTEGER NOT NULL,
            mileage_km INTEGER NOT NULL,
            fuel TEXT NOT NULL,
            transmission TEXT NOT NULL,
            body_type TEXT NOT NULL,
            price_eur INTEGER NOT NULL,
            color TEXT NOT NULL,
            url TEXT NOT NULL
        );

        CREATE TABLE tasks (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE,
            payload TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            last_error TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX tasks_pending ON tasks (kind, status, id);

        CREATE TABLE seen_events (
            source TEXT NOT NULL,
            ref TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (source, ref)
        );

        """,
        postgresql="""
        CREATE TABLE inbox (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            provider TEXT NOT NULL,
            provider_message_id TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            phone TEXT NOT NULL,
            payload TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending',
            note TEXT,
            received_at TEXT NOT NULL,
            done_at TEXT,
            UNIQUE (provider, provider_message_id)
        );
        CREATE INDEX inbox_pending ON inbox (status, id) WHERE status = 'pending';
        CREATE INDEX inbox_conversation ON inbox (conversation_id, id);

        CREATE TABLE outbox (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            phone TEXT NOT NULL,
            provider TEXT NOT NULL,
            inbound_id BIGINT REFERENCES inbox (id),
            seq INTEGER NOT NULL DEFAULT 0,
            origin TEXT NOT NULL,
            origin_ref TEXT,
            body TEXT,
            content_sid TEXT,
            content_variables TEXT,
            status TEXT NOT NULL,
            provider_message_id TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            error_code TEXT,
            error_message TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (inbound_id, seq),
            UNIQUE (origin, origin_ref)
        );
        CREATE INDEX outbox_open ON outbox (status, id) WHERE status IN ('queued', 'sending');
        CREATE INDEX outbox_provider_id ON outbox (provider_message_id);

        CREATE TABLE outbox_events (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            outbox_id BIGINT NOT NULL REFERENCES outbox (id),
            status TEXT NOT NULL,
            error_code TEXT,
            at TEXT NOT NULL
        );

        CREATE TABLE contacts (
            phone TEXT PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            wa_id TEXT NOT NULL DEFAULT '',
            hubspot_id TEXT,
            chatwoot_contact_id BIGINT,
            chatwoot_source_id TEXT,
            lead_score INTEGER NOT NULL DEFAULT 0,
            lead_status TEXT NOT NULL DEFAULT 'COLD',
            lead_reasons TEXT NOT NULL DEFAULT '[]',
            opted_out INTEGER NOT NULL DEFAULT 0,
            invalid_number INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        CREATE TABLE conversations (
            id TEXT PRIMARY KEY,
            phone TEXT NOT NULL,
            provider TEXT NOT NULL,
            handoff INTEGER NOT NULL DEFAULT 0,
            handoff_reason TEXT,
            chatwoot_conversation_id BIGINT,
            last_inbound_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX conversations_chatwoot ON conversations (chatwoot_conversation_id);

        CREATE TABLE transcript (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            direction TEXT NOT NULL,
            author TEXT NOT NULL,
            body TEXT NOT NULL,
            ref TEXT,
            at TEXT NOT NULL
        );
        CREATE INDEX transcript_conversation ON transcript (conversation_id, id);

        CREATE TABLE appointments (
            id TEXT PRIMARY KEY,
            conversation_id TEXT NOT NULL,
            phone TEXT NOT NULL,
            stock_id TEXT,
            car TEXT NOT NULL,
            start TEXT NOT NULL,
            "end" TEXT NOT NULL,
            status TEXT NOT NULL,
            calendar_event_id TEXT,
            hubspot_deal_id TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX appointments_start ON appointments (status, start);

        CREATE TABLE cars (
            stock_id TEXT PRIMARY KEY,
            make TEXT NOT NULL,
            model TEXT NOT NULL,
            variant TEXT NOT NULL,
            year INTEGER NOT NULL,
            mileage_km INTEGER NOT NULL,
            fuel TEXT NOT NULL,
            transmission TEXT NOT NULL,
            body_type TEXT NOT NULL,
            price_eur INTEGER NOT NULL,
            color TEXT NOT NULL,
            url TEXT NOT NULL
        );

        CREATE TABLE tasks (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            kind TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE,
            payload TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            last_error TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX tasks_pending ON tasks (kind, status, id);

        CREATE TABLE seen_events (
            source TEXT NOT NULL,
            ref TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (source, ref)
        );

        """,
    ),
    # 2: reply from the address the customer wrote to, when no sender is configured.
    Migration.same("""
        ALTER TABLE outbox ADD COLUMN sender TEXT;
        ALTER TABLE conversations ADD COLUMN reply_from TEXT;
    """),
    # 3: a task re-scheduled while it runs must run again, not be marked done (debounce).
    Migration.same("""
        ALTER TABLE tasks ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
    """),
    # 4: the optional columns of a dealer's stock feed (power, doors, range, APK date, options, …).
    # PostgreSQL's REAL is single precision: DOUBLE PRECISION keeps 5.4 as 5.4.
    Migration(
        sqlite="""
            ALTER TABLE cars ADD COLUMN power_hp INTEGER;
            ALTER TABLE cars ADD COLUMN doors INTEGER;
            ALTER TABLE cars ADD COLUMN seats INTEGER;
            ALTER TABLE cars ADD COLUMN consumption_l_100km REAL;
            ALTER TABLE cars ADD COLUMN range_km INTEGER;
            ALTER TABLE cars ADD COLUMN warranty_months INTEGER;
            ALTER TABLE cars ADD COLUMN apk_until TEXT;
            ALTER TABLE cars ADD COLUMN options TEXT;
        """,
        postgresql="""
            ALTER TABLE cars ADD COLUMN power_hp INTEGER;
            ALTER TABLE cars ADD COLUMN doors INTEGER;
            ALTER TABLE cars ADD COLUMN seats INTEGER;
            ALTER TABLE cars ADD COLUMN consumption_l_100km DOUBLE PRECISION;
            ALTER TABLE cars ADD COLUMN range_km INTEGER;
            ALTER TABLE cars ADD COLUMN warranty_months INTEGER;
            ALTER TABLE cars ADD COLUMN apk_until TEXT;
            ALTER TABLE cars ADD COLUMN options TEXT;
        """,
    ),
    # 5: events from outside (agent replies, Chatwoot status, delivery failures) are inbox rows of
    # their own kind, applied by the conversation actor in order with the customer's messages.
    Migration.same("""
        ALTER TABLE inbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'message';
    """),
    # 6: a contact is a person, not a phone number (api-notes §W.4). `contacts.phone` stays the key
    # the contact is filed under (its E.164 number, or the BSUID it first wrote with when WhatsApp
    # hid the number), and with it `twilio:{key}` stays its conversation id; a stable internal id,
    # the contact a merged one now lives on, and every WhatsApp identifier seen for a contact.
    # Existing contacts keep their key and get their phone and WaId as identifiers.
    # Also: when Twilio last reported the 24-hour window closed (63016) for a conversation; an
    # outbox row's interactive form (a list picker, JSON; `body` stays its text fallback); and the
    # Content API resources created for those forms, by shape, so each is created once.
    Migration(
        sqlite="""
        ALTER TABLE conversations ADD COLUMN window_closed_at TEXT;
        ALTER TABLE outbox ADD COLUMN interactive TEXT;
        CREATE TABLE content_templates (
            key TEXT PRIMARY KEY,
            content_sid TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        ALTER TABLE contacts ADD COLUMN contact_id TEXT;
        ALTER TABLE contacts ADD COLUMN merged_into TEXT;
        UPDATE contacts SET contact_id = lower(hex(randomblob(16))) WHERE contact_id IS NULL;
        CREATE UNIQUE INDEX contacts_contact_id ON contacts (contact_id);
        CREATE TABLE contact_identifiers (
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            contact_phone TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (kind, value)
        );
        CREATE INDEX contact_identifiers_contact ON contact_identifiers (contact_phone);
        INSERT INTO contact_identifiers (kind, value, contact_phone, created_at)
            SELECT 'phone', phone, phone, created_at FROM contacts WHERE phone LIKE '+%';
        INSERT INTO contact_identifiers (kind, value, contact_phone, created_at)
            SELECT 'wa_id', wa_id, phone, created_at FROM contacts WHERE wa_id != '' ON CONFLICT DO NOTHING;
        """,
        postgresql="""
        ALTER TABLE conversations ADD COLUMN window_closed_at TEXT;
        ALTER TABLE outbox ADD COLUMN interactive TEXT;
        CREATE TABLE content_templates (
            key TEXT PRIMARY KEY,
            content_sid TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        ALTER TABLE contacts ADD COLUMN contact_id TEXT;
        ALTER TABLE contacts ADD COLUMN merged_into TEXT;
        UPDATE contacts SET contact_id = replace(gen_random_uuid()::text, '-', '') WHERE contact_id IS NULL;
        CREATE UNIQUE INDEX contacts_contact_id ON contacts (contact_id);
        CREATE TABLE contact_identifiers (
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            contact_phone TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (kind, value)
        );
        CREATE INDEX contact_identifiers_contact ON contact_identifiers (contact_phone);
        INSERT INTO contact_identifiers (kind, value, contact_phone, created_at)
            SELECT 'phone', phone, phone, created_at FROM contacts WHERE phone LIKE '+%';
        INSERT INTO contact_identifiers (kind, value, contact_phone, created_at)
            SELECT 'wa_id', wa_id, phone, created_at FROM contacts WHERE wa_id != '' ON CONFLICT DO NOTHING;
        """,
    ),
    # 7: the highest conversation-lease token that wrote a turn, per phone (integrations.store.fences).
    Migration(
        sqlite="""
            CREATE TABLE conversation_fences (phone TEXT PRIMARY KEY, token INTEGER NOT NULL);
        """,
        postgresql="""
            CREATE TABLE conversation_fences (phone TEXT PRIMARY KEY, token BIGINT NOT NULL);
        """,
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
