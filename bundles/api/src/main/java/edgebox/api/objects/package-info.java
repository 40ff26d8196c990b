/**
 * The shared Kubernetes object model: typed, immutable records of the kinds several functions read (Gateway API,
 * Service, EndpointSlice, Secret, ConfigMap, Namespace, Pod, CiliumLoadBalancerIPPool), the snapshot that carries them with
 * the facts derived from them once, and the service that publishes it.
 */
@Export
@Version("1.3.0")
package edgebox.api.objects;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
