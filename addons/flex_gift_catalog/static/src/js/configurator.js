import { Interaction } from "@web/public/interaction";
import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { debounce } from "@web/core/utils/timing";
import { patch } from "@web/core/utils/patch";
import { WebsiteSale } from "@website_sale/interactions/website_sale";

const uploads = new WeakMap();

/**
 * Read the customer's personalization from a configurator element, keyed by
 * component id. Uploaded images are sent as data URLs; the server validates
 * everything again.
 */
export function collectPersonalization(configuratorEl, { choicesOnly = false } = {}) {
    const values = {};
    if (!configuratorEl) {
        return values;
    }
    for (const componentEl of configuratorEl.querySelectorAll(".o_flex_gift_component")) {
        const type = componentEl.dataset.componentType;
        if (choicesOnly && type !== "choice") {
            continue;
        }
        const input = componentEl.querySelector(".o_flex_gift_input");
        const value = type === "image" ? uploads.get(input) : input.value;
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

/**
 * The key of a configuration, as the server writes it on the page for the one it
 * opens on (product.template._flex_gift_page_info): a request is sent only when
 * the configuration differs from the one already shown.
 */
function configurationKey(ptavIds, personalization) {
    const entries = Object.entries(personalization)
        .map(([id, value]) => [id, String(value)])
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return JSON.stringify([[...ptavIds].sort((a, b) => a - b), entries]);
}

/** The names of the chosen values and options: what a price is asked for. */
function pricedConfiguration(formEl) {
    const names = [...formEl.querySelectorAll("input.js_variant_change:checked")].map((el) => el.dataset.valueName);
    for (const select of formEl.querySelectorAll("select.js_variant_change, select.o_flex_gift_input")) {
        names.push(select.selectedOptions[0]?.textContent.trim() || "");
    }
    return names.join("|");
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
        this.previewEl = this.formEl.querySelector(".o_flex_gift_preview");
        // what the page shows: the configuration the server drew it for
        this.shownKey = this.el.dataset.key || "";
        this.refreshSoon = debounce(() => this.refresh(), 250);
        this.onAttributeChange = (ev) => {
            if (!ev.target.closest(".o_flex_gift_configurator")) {
                this.refreshSoon();
            }
        };
        this.formEl.addEventListener("change", this.onAttributeChange);
        this.registerCleanup(() => this.formEl.removeEventListener("change", this.onAttributeChange));
    }

    start() {
        this.updateCounters();
        // the browser may have restored other values than the page was drawn with
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
        this.updateCounters();
        if (ev.type === "change" && input.tagName === "SELECT") {
            // the price shown includes the extra of the chosen option: ask website_sale
            // to price the combination again (it sends the choices, see the patch below)
            this.formEl.querySelector("ul[data-attribute-exclusions]")?.dispatchEvent(new Event("change"));
        }
        this.refreshSoon();
    }

    updateCounters() {
        for (const counterEl of this.el.querySelectorAll(".o_flex_gift_count")) {
            const input = counterEl.closest(".o_flex_gift_component").querySelector(".o_flex_gift_input");
            const length = [...input.value.replace(/\r?\n/g, "")].length;
            counterEl.querySelector(".o_flex_gift_count_value").textContent = length;
            counterEl.classList.toggle("text-danger", length > parseInt(counterEl.dataset.max));
        }
    }

    async refresh() {
        const personalization = collectPersonalization(this.el);
        const ptavIds = selectedValueIds(this.formEl);
        const key = configurationKey(ptavIds, personalization);
        if (key === this.shownKey) {
            return; // already shown, or already asked for
        }
        this.shownKey = key;
        // answers may come back out of order: only the latest request is shown
        const seq = (this.seq = (this.seq || 0) + 1);
        let info;
        try {
            info = await this.waitFor(rpc("/flex_gift/configuration_info", {
                product_template_id: parseInt(this.el.dataset.productTemplateId),
                ptav_ids: ptavIds,
                personalization,
            }));
        } catch (error) {
            if (seq === this.seq) {
                this.shownKey = ""; // ask again on the next change
            }
            throw error;
        }
        if (seq !== this.seq) {
            return;
        }
        const leadEl = this.el.querySelector(".o_flex_gift_lead_text");
        leadEl.textContent = info.lead_text;
        leadEl.dataset.leadDays = info.lead_days;
        const errorEl = this.el.querySelector(".o_flex_gift_error");
        errorEl.textContent = info.error || "";
        errorEl.classList.toggle("d-none", !info.error);
        if (info.preview_url && this.previewEl) {
            this.previewEl.src = info.preview_url;
            // what the preview shows, for assistive text and tests
            this.previewEl.dataset.values = Object.values(personalization)
                .filter((v) => typeof v === "string" && !v.startsWith("data:"))
                .join(" ");
            this.previewEl.dataset.attributeValues = [
                ...this.formEl.querySelectorAll("input.js_variant_change:checked"),
            ].map((el) => el.dataset.valueName).join("|");
            this.previewEl.classList.remove("d-none");
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
    async _getCombinationInfo(ev) {
        const productEl = ev.target.closest(".js_product");
        const configuratorEl = productEl?.querySelector(".o_flex_gift_configurator");
        const priced = configuratorEl && pricedConfiguration(productEl);
        if (configuratorEl && !configuratorEl.dataset.priced) {
            configuratorEl.dataset.priced = "1";
            const key = configurationKey(selectedValueIds(productEl), collectPersonalization(configuratorEl));
            if (key === configuratorEl.dataset.key && !configuratorEl.dataset.tracking) {
                // the page was drawn for this very configuration (price with the options'
                // extras, lead time, preview): no request to ask for it again
                this._checkExclusions(productEl, selectedValueIds(productEl));
                productEl.querySelector(".product_price")?.setAttribute("data-flex-gift-priced", priced);
                return;
            }
        }
        await super._getCombinationInfo(ev);
        if (priced) {
            // what the price shown stands for, for assistive text and tests
            productEl.querySelector(".product_price")?.setAttribute("data-flex-gift-priced", priced);
        }
    },
    _getOptionalCombinationInfoParam(product) {
        const params = super._getOptionalCombinationInfoParam(product);
        const configuratorEl = product.querySelector(".o_flex_gift_configurator");
        if (configuratorEl) {
            // the server adds the extras of the chosen options to the price it returns
            params.flex_gift_personalization = collectPersonalization(configuratorEl, { choicesOnly: true });
        }
        return params;
    },
});
