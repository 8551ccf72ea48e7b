"""The administrator's command line: first admin, organisations import/export, audit verify and tampering."""
import fcntl
import glob
import os
import subprocess

from konkurs_process import BINARY, Service, postgres_processes


def konkurs(data_dir, *arguments):
    return subprocess.run([BINARY, *arguments, "--data-dir", data_dir], capture_output=True, text=True, timeout=120)


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
