package dev.sluice.core.masking;

import java.util.List;

/**
 * The stand-in names {@link Pseudonym} picks from. Common, unremarkable names from many origins, so a pseudonym
 * does not stand out in a result; the lists are part of the pseudonym's definition: changing them changes every
 * name pseudonym, so only ever append to them in a new version of the pseudonym subkey.
 */
final class FakeNames {

    static final List<String> FIRST = List.of(
            "Aaron", "Abigail", "Adrian", "Aisha", "Alan", "Alice", "Amara", "Amir", "Ana", "Andrew",
            "Angela", "Anil", "Ava", "Beatriz", "Ben", "Bianca", "Caleb", "Camila", "Carlos", "Chen",
            "Chloe", "Connor", "Daniel", "Dara", "David", "Diana", "Elena", "Eli", "Emily", "Eric",
            "Farah", "Felix", "Fiona", "Gabriel", "Grace", "Hana", "Hassan", "Helen", "Hugo", "Ines",
            "Isaac", "Ivy", "Jack", "Jamal", "Jasmine", "Javier", "Jin", "Joanna", "Jonah", "Julia",
            "Kai", "Karen", "Keith", "Kenji", "Laila", "Laura", "Leo", "Lina", "Lucas", "Maria",
            "Marcus", "Maya", "Mei", "Miguel", "Mina", "Nadia", "Nathan", "Nia", "Noah", "Nora",
            "Olivia", "Omar", "Owen", "Paula", "Peter", "Priya", "Quinn", "Rafael", "Rachel", "Ravi",
            "Rosa", "Ruth", "Samuel", "Sara", "Sean", "Sofia", "Tariq", "Tessa", "Theo", "Uma",
            "Victor", "Vera", "Wei", "Willa", "Xavier", "Yara", "Yusuf", "Zara", "Zoe", "Dmitri");

    static final List<String> LAST = List.of(
            "Abbott", "Acosta", "Adeyemi", "Alvarez", "Andersen", "Baker", "Banerjee", "Barnes", "Becker", "Bennett",
            "Brooks", "Castillo", "Chavez", "Cho", "Coleman", "Cruz", "Dalton", "Diaz", "Dubois", "Ellis",
            "Evans", "Farouk", "Fischer", "Flores", "Foster", "Garcia", "Gordon", "Gupta", "Hale", "Hansen",
            "Harper", "Hayes", "Herrera", "Hoang", "Hughes", "Ibrahim", "Ito", "Jensen", "Kaur", "Keller",
            "Kim", "Kowalski", "Lambert", "Larsen", "Lee", "Lopez", "Mahmoud", "Marsh", "Mendez", "Meyer",
            "Miller", "Moreno", "Murphy", "Nakamura", "Novak", "Nguyen", "Okafor", "Olsen", "Ortiz", "Owens",
            "Park", "Patel", "Perez", "Quinn", "Ramos", "Reyes", "Rivera", "Rossi", "Russo", "Sato",
            "Schmidt", "Shah", "Silva", "Singh", "Sokolov", "Stone", "Sullivan", "Tanaka", "Torres", "Tran",
            "Turner", "Vargas", "Vasquez", "Walsh", "Ward", "Weber", "Wells", "Wong", "Yamada", "Young",
            "Zhang", "Ziegler", "Moss", "Price", "Reid", "Hart", "Byrne", "Fleming", "Grant", "Lowe");

    private FakeNames() {
    }
}
