import { Interaction } from "@web/public/interaction";
import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { _t } from "@web/core/l10n/translation";
import { debounce } from "@web/core/utils/timing";
import { patch } from "@web/core/utils/patch";
import { WebsiteSale } from "@website_sale/interactions/website_sale";

const uploads = new WeakMap();

/**
 * Read the customer's personalization from a configurator element, keyed by
 * component id. Uploaded images are sent as data URLs; the server validates
 * everything again.
 */
export function collectPersonalization(configuratorEl) {
    const values = {};
    if (!configuratorEl) {
        return values;
    }
    for (const componentEl of configuratorEl.querySelectorAll(".o_flex_gift_component")) {
        const input = componentEl.querySelector(".o_flex_gift_input");
        const value = componentEl.dataset.componentType === "image" ? uploads.get(input) : input.value;
        if (value) {
            values[componentEl.dataset.componentId] = value;
        }
    }
    return values;
}

function selectedValueIds(formEl) {
    const ids = [];
    for (const el of formEl.querySelectorAll(
        "input.js_variant_change:checked, select.js_variant_change"
    )) {
        const id = parseInt(el.value);
        if (id) {
            ids.push(id);
        }
    }
    return ids;
}

export class FlexGiftConfigurator extends Interaction {
    static selector = ".o_flex_gift_configurator";
    dynamicContent = {
        ".o_flex_gift_input": {
            "t-on-input": this.onInput,
            "t-on-change": this.onInput,
        },
    };

    setup() {
        this.formEl = this.el.closest("form") || this.el.closest(".js_product") || document;
        this.refreshSoon = debounce(() => this.refresh(), 250);
        this.onAttributeChange = () => this.refreshSoon();
        this.formEl.addEventListener("change", this.onAttributeChange);
        this.registerCleanup(() => this.formEl.removeEventListener("change", this.onAttributeChange));
    }

    start() {
        this.refresh();
    }

    async onInput(ev) {
        const input = ev.currentTarget;
        if (input.type === "file") {
            const file = input.files[0];
            if (!file) {
                uploads.delete(input);
            } else {
                const dataUrl = await this.waitFor(new Promise((resolve) => {
                    const reader = new FileReader();
                    reader.onload = () => resolve(reader.result);
                    reader.readAsDataURL(file);
                }));
                uploads.set(input, dataUrl);
            }
        }
        this.refreshSoon();
    }

    async refresh() {
        // answers may come back out of order: only the latest request is shown
        const seq = (this.seq = (this.seq || 0) + 1);
        const personalization = collectPersonalization(this.el);
        const info = await this.waitFor(rpc("/flex_gift/configuration_info", {
            product_template_id: parseInt(this.el.dataset.productTemplateId),
            ptav_ids: selectedValueIds(this.formEl),
            personalization,
        }));
        if (seq !== this.seq) {
            return;
        }
        const leadEl = this.el.querySelector(".o_flex_gift_lead_text");
        if (info.available) {
            leadEl.textContent = _t("Ships in %(days)s days, arrives around %(date)s", {
                days: info.lead_days,
                date: info.delivery_date_label,
            });
        } else {
            leadEl.textContent = _t("This combination is not available.");
        }
        leadEl.dataset.leadDays = info.lead_days;
        const errorEl = this.el.querySelector(".o_flex_gift_error");
        errorEl.textContent = info.error || "";
        errorEl.classList.toggle("d-none", !info.error);
        const previewEl = this.el.querySelector(".o_flex_gift_preview");
        if (info.preview_url) {
            previewEl.src = info.preview_url;
            // what the preview shows, for assistive text and tests
            previewEl.dataset.values = Object.values(personalization)
                .filter((v) => typeof v === "string" && !v.startsWith("data:"))
                .join(" ");
            previewEl.classList.remove("d-none");
        }
    }
}

registry.category("public.interactions").add("flex_gift_catalog.configurator", FlexGiftConfigurator);

patch(WebsiteSale.prototype, {
    _updateRootProduct(form) {
        super._updateRootProduct(form);
        const productEl = form.closest(".js_product") ?? form;
        const configuratorEl = productEl.querySelector(".o_flex_gift_configurator");
        if (configuratorEl) {
            this.rootProduct.flex_gift_personalization = collectPersonalization(configuratorEl);
        }
    },
});
