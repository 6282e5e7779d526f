-- document_versions: one row per document_key (manifest municipality/family/title, or file path): its
-- latest version and status, the live version current_* views show, and how many times it was published
-- (document_versions: bytes published before and back again count as a new version).
with documents_ as (
    select document_key, version, status, file_name, loaded_at from document_versions
),
latest as (
    select * from documents_
    qualify row_number() over (partition by document_key order by version desc) = 1
),
per_key as (
    select
        document_key,
        count(*) as versions,
        max(version) filter (where status in ('loaded', 'partial')) as live_version
    from documents_
    group by document_key
),
final as (
    select
        l.document_key, l.version as latest_version, l.status as latest_status, k.live_version, k.versions,
        l.file_name, l.loaded_at
    from latest as l
    left join per_key as k on k.document_key = l.document_key
)
select * from final order by document_key
