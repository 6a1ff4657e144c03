package io.nightshift.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** STYLE 12: JGit types never leave the package, so no public type, method or field may mention one. */
class PublicApiTest {

    @Test
    void noPublicSignatureMentionsAJGitType() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.nightshift.workspace");
        List<String> leaks = new ArrayList<>();
        int publicMembers = 0;
        for (JavaClass type : classes) {
            if (!type.getModifiers().contains(JavaModifier.PUBLIC)) {
                continue;
            }
            for (JavaClass supertype : type.getAllRawSuperclasses()) {
                check(leaks, type.getName() + " extends", supertype.getName());
            }
            for (JavaCodeUnit unit : type.getCodeUnits()) {
                if (!unit.getModifiers().contains(JavaModifier.PUBLIC)) {
                    continue;
                }
                publicMembers++;
                check(leaks, unit.getFullName(), unit.getRawReturnType().getName());
                unit.getRawParameterTypes().forEach(p -> check(leaks, unit.getFullName(), p.getName()));
                unit.getThrowsClause().getTypes().forEach(t -> check(leaks, unit.getFullName(), t.getName()));
            }
            type.getFields().stream().filter(f -> f.getModifiers().contains(JavaModifier.PUBLIC))
                    .forEach(f -> check(leaks, f.getFullName(), f.getRawType().getName()));
        }
        assertThat(publicMembers).as("public members inspected").isGreaterThan(50);
        assertThat(leaks).isEmpty();
    }

    private static void check(List<String> leaks, String where, String typeName) {
        if (typeName.startsWith("org.eclipse.jgit")) {
            leaks.add(where + " -> " + typeName);
        }
    }
}
