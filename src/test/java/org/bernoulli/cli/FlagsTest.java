package org.bernoulli.cli;

import org.bernoulli.data.Setting;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The command line words each setting the core names as one of its own options: the flag made from
 * the setting's name is an option of a command (so a message never names a flag that does not
 * exist), every option is a setting, and a reference with a value reads as the option with it.
 */
class FlagsTest {

    @Test
    void everySettingIsAnOptionAndEveryOptionASetting() {
        Set<String> options = new TreeSet<>();
        CommandLine main = new CommandLine(new Main());
        for (CommandLine command : main.getSubcommands().values()) {
            for (CommandLine.Model.OptionSpec o : command.getCommandSpec().options()) {
                for (String name : o.names()) {
                    if (name.startsWith("--") && !name.equals("--help") && !name.equals("--version")) {
                        options.add(name.replace("--[no-]", "--"));
                    }
                }
            }
        }
        Set<String> settings = new TreeSet<>();
        for (Setting s : Setting.values()) {
            settings.add(Flags.WORDS.name(s));
        }
        assertEquals(options, settings);
    }

    @Test
    void referencesReadAsTheOptions() {
        assertEquals("--tol must be a finite number >= 0, got -1.0; give --na-action omit, or --reg-param 0.01",
                Flags.words("{TOL} must be a finite number >= 0, got -1.0; give {NA_ACTION=omit}, or {REG_PARAM=0.01}"));
        assertEquals("a {SET} of braces and {nothing} else", Flags.words("a {SET} of braces and {nothing} else"));
    }
}
