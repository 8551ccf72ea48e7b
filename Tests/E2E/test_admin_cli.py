"""The administrator's command line: first admin, organisations import/export, audit verify and tampering."""
import fcntl
import glob
import os
import subprocess

from konkurs_process import BINARY, Service, postgres_processes
from conftest import konkurs


def psql(data_dir, sql):
    """SQL as the cluster's superuser, through the socket, with the service stopped. Holds the data
    folder's lock like konkurs does, so no watchdog of an earlier konkurs run stops this cluster."""
    with open(data_dir + ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _psql(data_dir, sql)


def _psql(data_dir, sql):
    binary = next(iter(glob.glob("/usr/lib/postgresql/*/bin/psql")), "psql")
    start = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    pg_ctl = os.path.join(os.path.dirname(binary), "pg_ctl")
    subprocess.run(start + [pg_ctl, "-D", data_dir, "-l", data_dir + "/manual.log", "-w", "-o", f"-k {data_dir} -c listen_addresses=''", "start"],
                   check=True, capture_output=True)
    try:
        return subprocess.run([binary, "-h", data_dir, "-U", "postgres", "-d", "konkurs", "-v", "ON_ERROR_STOP=1", "-c", sql],
                              capture_output=True, text=True, check=True)
    finally:
        subprocess.run(start + [pg_ctl, "-D", data_dir, "-m", "fast", "-w", "stop"], check=True, capture_output=True)


def test_first_admin_import_export_and_a_tampered_audit_log(tmp_path):
    data_dir = Service().data_dir
    added = konkurs(data_dir, "user", "add", "--login", "chief", "--name", "Начальник управления", "--role", "admin")
    assert added.returncode == 0, added.stderr
    assert "/invite/" in added.stdout

    orgs = tmp_path / "orgs.csv"
    orgs.write_text("full_name,short_name,kind\nМБОУ СОШ № 2,СОШ № 2,ОУ\nБез типа,Без типа,\n")
    refused = konkurs(data_dir, "org", "import", str(orgs))
    assert refused.returncode != 0
    assert f"{orgs}:3: Тип: одно из ОУ, ДОУ, УДО, другое" in refused.stderr
    imported = konkurs(data_dir, "org", "import", str(orgs), "--skip-bad")
    assert imported.returncode == 0 and "Загружено организаций: 1; пропущено строк: 1." in imported.stdout
    exported = konkurs(data_dir, "org", "export")
    assert "СОШ № 2,ОУ,Амурский муниципальный район,да" in exported.stdout

    clean = konkurs(data_dir, "audit", "verify")
    assert clean.returncode == 0, clean.stderr
    assert "Журнал аудита цел: записей в цепочке 2" in clean.stdout
    shown = konkurs(data_dir, "audit", "show", "--actor", "konkurs-cli")
    assert "organisation.import" in shown.stdout and "user.create" in shown.stdout

    psql(data_dir, "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; "
                   "UPDATE audit_log SET actor_login = 'someone-else' WHERE seq = 1; "
                   "ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;")
    first = psql(data_dir, "SELECT id FROM audit_log WHERE seq = 1").stdout.split()[2]
    tampered = konkurs(data_dir, "audit", "verify")
    assert tampered.returncode != 0
    assert f"журнал аудита искажён: запись {first} — содержимое записи изменено" in tampered.stderr
    assert not postgres_processes(data_dir)


def test_printed_links_start_with_the_address_of_the_service_on_that_database():
    service = Service().start()
    service.wait_ready()
    try:
        added = konkurs(service.data_dir, "user", "add", "--login", "juror-link", "--name", "Член жюри", "--role", "juror")
        assert added.returncode == 0, added.stderr
        assert f"{service.url}/invite/" in added.stdout, "the address serve listens on, not a default"
        given = konkurs(service.data_dir, "user", "reset-password", "juror-link", "--public-url", "https://konkurs.amursk.example/")
        assert given.returncode == 0, given.stderr
        assert "https://konkurs.amursk.example/invite/" in given.stdout
        bad = konkurs(service.data_dir, "user", "reset-password", "juror-link", "--public-url", "konkurs.amursk.example")
        assert bad.returncode != 0 and "http:// или https://" in bad.stderr
    finally:
        assert service.interrupt() == 0

    behind_proxy = Service(data_dir=service.data_dir, env={"KONKURS_PUBLIC_URL": "https://konkurs.amursk.example"}).start()
    behind_proxy.wait_ready()
    try:
        assert "адрес для ссылок: https://konkurs.amursk.example" in behind_proxy.stdout()
        reset = konkurs(service.data_dir, "user", "reset-password", "juror-link")
        assert reset.returncode == 0 and "https://konkurs.amursk.example/invite/" in reset.stdout, reset.stdout
    finally:
        assert behind_proxy.interrupt() == 0
