"""Writes an application import file (`konkurs application import`): COUNT applications, one person
each, spread over the given organisations; every tenth is a mentor–mentee pair when the nomination is a
pair nomination.

    python3 Benchmarks/generate_applications.py OUT.csv COUNT NOMINATION ORGANISATION [ORGANISATION ...]
"""
import random
import sys

out, count, nomination, organisations = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
rng = random.Random(20261129)
surnames = ["Иванова", "Петров", "Смирнова", "Кузнецов", "Попова", "Васильев", "Соколова", "Михайлов", "Новикова", "Фёдоров"]
names = ["Анна", "Илья", "Мария", "Денис", "Ольга", "Павел", "Елена", "Кирилл", "Дарья", "Артём"]
with open(out, "w", encoding="utf-8") as f:
    f.write("application,nomination,organisation,surname,name,patronymic,birth_date,position,experience_start,consent_processing,consent_publication\n")
    for index in range(count):
        year = rng.randint(1965, 2002)
        f.write(f"A{index},{nomination},{organisations[index % len(organisations)]},{rng.choice(surnames)},{rng.choice(names)},,"
                f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},Учитель,{year + 23}-09-01,да,full_name;organisation\n")
