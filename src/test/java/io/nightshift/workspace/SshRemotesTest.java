package io.nightshift.workspace;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The build has no JGit SSH transport (pom.xml keeps quarkus-jgit's JSch transport out), so an ssh remote is
 * refused up front with a way forward instead of failing deep inside JGit.
 */
class SshRemotesTest {

    @Test
    void sshRemotesAreRefusedWithTheAlternatives() {
        for (String url : new String[] {"ssh://git@example.com/team/repo.git", "git@example.com:team/repo.git"}) {
            assertThatThrownBy(() -> Remotes.checkSshSupport(url))
                    .isInstanceOf(RemoteUnreachableException.class)
                    .hasMessageContaining("SSH remotes need JGit's SSH transport")
                    .hasMessageContaining("NIGHTSHIFT_GIT_TOKEN");
        }
    }

    @Test
    void httpsAndLocalRemotesPass() {
        assertThatCode(() -> Remotes.checkSshSupport("https://example.com/team/repo.git")).doesNotThrowAnyException();
        assertThatCode(() -> Remotes.checkSshSupport("/srv/git/repo")).doesNotThrowAnyException();
    }
}
