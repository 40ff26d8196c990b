package edgebox.features;

import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.features.install.FeatureInstaller.Outcome;
import edgebox.features.repo.FeatureRepository.Catalog;

/** This bundle's own service between the features component and its console commands and health entry. */
public interface Features {

    /** Every definition on disk, and the files that could not be read. */
    Catalog catalog();

    Set<String> installed();

    /** Per feature, the last failure its latest install or uninstall met. */
    Map<String, String> problems();

    /** Whether the boot features were installed (whatever the outcome) and the booted condition registered. */
    boolean booted();

    List<Outcome> install(List<String> names);

    List<Outcome> uninstall(List<String> names);
}
